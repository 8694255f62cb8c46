import { z } from 'zod';
import { principalRoleSchema, userRoleSchema } from './roles.js';

/** A user as the API shows it; guests have `role: "guest"` and no email. */
export const userSchema = z.object({
  id: z.string(),
  email: z.string().nullable(),
  username: z.string(),
  role: principalRoleSchema,
});
export type User = z.infer<typeof userSchema>;

export const emailSchema = z
  .email({ message: 'must be an email address' })
  .max(254)
  .transform((v) => v.toLowerCase());
export const usernameSchema = z
  .string()
  .trim()
  .min(3, 'must be at least 3 characters')
  .max(32, 'must be at most 32 characters')
  .regex(/^[\p{L}\p{N}_.-]+$/u, 'may contain letters, digits, _ . and - only');
export const passwordSchema = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(128, 'must be at most 128 characters');
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  // Control characters would let a name spoof lines in chat and logs.
  .regex(/^[^\p{Cc}]+$/u, 'must not contain control characters');

export const registerBodySchema = z.object({
  email: emailSchema,
  username: usernameSchema,
  password: passwordSchema,
});
export const loginBodySchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(128),
});
export const guestBodySchema = z.object({ display_name: displayNameSchema });
export const changePasswordBodySchema = z.object({
  current_password: z.string().min(1).max(128),
  new_password: passwordSchema,
});
export const authResponseSchema = z.object({ user: userSchema, token: z.string() });
export const meResponseSchema = z.object({ user: userSchema });
export const adminUpdateUserBodySchema = z.object({ role: userRoleSchema });
