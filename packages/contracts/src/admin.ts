import { z } from 'zod';
import { recordingSchema } from './recordings.js';
import { userRoleSchema } from './roles.js';
import { pageQuery } from './paging.js';

/** What the admin page (issue 12) reads and does besides stats and the audit log. */

/** An account as admins see it: with its state, which nobody else sees. */
export const adminUserSchema = z.object({
  id: z.string(),
  /** Null for an account from the host site (a trusted JWT or OIDC): its email is not ours. */
  email: z.string().nullable(),
  username: z.string(),
  role: userRoleSchema,
  /** When an admin disabled it (it cannot sign in, its tokens are revoked); null when enabled. */
  disabled_at: z.string().nullable(),
  created_at: z.string(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

/** `GET /api/v1/admin/users?q=`: `q` matches a part of the email or the username, any case. */
export const adminUsersQuerySchema = z.object({
  q: z.string().trim().max(100, 'must be at most 100 characters').optional(),
  ...pageQuery,
});
export const adminUsersResponseSchema = z.object({
  users: z.array(adminUserSchema),
  total: z.number(),
  page: z.number(),
  page_size: z.number(),
});
export const adminUserResponseSchema = z.object({ user: adminUserSchema });

/** A recording in the admin list: with its session's title and owner, which may be gone. */
export const adminRecordingSchema = recordingSchema.extend({
  session_title: z.string(),
  owner: z.object({ id: z.string(), username: z.string() }),
});
export type AdminRecording = z.infer<typeof adminRecordingSchema>;

/** `GET /api/v1/admin/recordings`: every session's recordings, newest first. */
export const adminRecordingsQuerySchema = z.object(pageQuery);
export const adminRecordingsResponseSchema = z.object({
  recordings: z.array(adminRecordingSchema),
  total: z.number(),
  /** The size of every recording's file together, in bytes (the ones with a known size). */
  total_bytes: z.number(),
  page: z.number(),
  page_size: z.number(),
});
