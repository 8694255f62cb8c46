import { z } from 'zod';
import { booleanFlag, duration, optionalString, settingsArea } from './fields.js';

/** Who may come in: guests, the bootstrap admin, how long an invite lasts. */
export const accessEnv = {
  ALLOW_GUESTS: booleanFlag(true),
  ADMIN_EMAIL: z.email({ message: 'must be an email address' }).optional(),
  ADMIN_PASSWORD: optionalString,
  INVITE_TTL: duration('7d', 60, 365 * 24 * 3600),
};

export const accessArea = settingsArea('Accounts and access', accessEnv);

type AccessEnv = z.infer<z.ZodObject<typeof accessEnv>>;

/** The access part of `Config`. */
export interface AccessSettings {
  allowGuests: boolean;
  /** The admin account ensured at start. */
  admin: { email: string; password: string } | undefined;
  inviteTtlSeconds: number;
}

/** Cross-field rules of the area; each names the variable to fix. */
export function checkAccess(env: AccessEnv, ctx: z.RefinementCtx): void {
  if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
    ctx.addIssue({
      code: 'custom',
      path: [env.ADMIN_EMAIL ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL'],
      message: 'ADMIN_EMAIL and ADMIN_PASSWORD are set together',
    });
  }
  if (env.ADMIN_PASSWORD && env.ADMIN_PASSWORD.length < 8) {
    ctx.addIssue({
      code: 'custom',
      path: ['ADMIN_PASSWORD'],
      message: 'must be at least 8 characters',
    });
  }
}

export function toAccessSettings(env: AccessEnv): AccessSettings {
  return {
    allowGuests: env.ALLOW_GUESTS,
    admin:
      env.ADMIN_EMAIL && env.ADMIN_PASSWORD
        ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD }
        : undefined,
    inviteTtlSeconds: env.INVITE_TTL,
  };
}
