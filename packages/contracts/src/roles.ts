import { z } from 'zod';

/** Account roles (SPEC §2). Guests are not accounts: they carry the `guest` role on their token. */
export const userRoleSchema = z.enum(['admin', 'mentor', 'user']);
export type UserRole = z.infer<typeof userRoleSchema>;

/** A role as seen on an authenticated request: an account role or a guest. */
export const principalRoleSchema = z.enum(['admin', 'mentor', 'user', 'guest']);
export type PrincipalRole = z.infer<typeof principalRoleSchema>;

/** Roles inside one live session (SPEC §3). */
export const sessionRoleSchema = z.enum(['host', 'co_host', 'speaker', 'viewer']);
export type SessionRole = z.infer<typeof sessionRoleSchema>;

export const sessionTypeSchema = z.enum(['broadcast', 'meeting']);
export type SessionType = z.infer<typeof sessionTypeSchema>;

export const sessionStatusSchema = z.enum(['scheduled', 'live', 'ended']);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;
