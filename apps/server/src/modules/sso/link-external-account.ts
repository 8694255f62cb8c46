import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { externalIdentities, users } from '../../db/schema.js';
import type { UserRow } from '../auth/user-repository.js';
import type { ExternalProfile } from './claims.js';

/**
 * The account of an external identity (issuer + subject), created on its first sign-in and
 * brought up to date on each later one (name, email, role when a role claim is configured).
 * The email never picks the account: a local account with the same email stays its owner's,
 * and the new account has no email to sign in with (it is kept with the identity instead).
 * `onRoleChange` lets the caller drop what it cached of the account.
 */
export async function linkExternalAccount(options: {
  db: Db;
  profile: ExternalProfile;
  onRoleChange?: (userId: string) => Promise<void>;
}): Promise<UserRow> {
  const { db, profile } = options;
  // Two first sign-ins of one identity at once: the second insert violates a key and finds
  // the first one's account on its next pass.
  for (let attempt = 0; ; attempt += 1) {
    const found = await findLinked(db, profile);
    if (found) return refresh(db, found, profile, options.onRoleChange);
    try {
      return await create(db, profile);
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 3) throw err;
    }
  }
}

async function findLinked(db: Db, profile: ExternalProfile) {
  const [row] = await db
    .select({ user: users, email: externalIdentities.email })
    .from(externalIdentities)
    .innerJoin(users, eq(users.id, externalIdentities.userId))
    .where(
      and(
        eq(externalIdentities.issuer, profile.issuer),
        eq(externalIdentities.subject, profile.subject),
      ),
    )
    .limit(1);
  return row;
}

async function create(db: Db, profile: ExternalProfile): Promise<UserRow> {
  return db.transaction(async (tx) => {
    const id = randomUUID();
    const [user] = await tx
      .insert(users)
      .values({
        id,
        email: null,
        username: await freeUsername(tx, profile, id),
        passwordHash: null,
        // Never admin by being first, as a registration would be: the role comes from the
        // other side's claim, or is `user`.
        role: profile.role ?? 'user',
      })
      .returning();
    await tx.insert(externalIdentities).values({
      issuer: profile.issuer,
      subject: profile.subject,
      userId: id,
      email: profile.email ?? null,
    });
    return user!;
  });
}

async function refresh(
  db: Db,
  found: { user: UserRow; email: string | null },
  profile: ExternalProfile,
  onRoleChange?: (userId: string) => Promise<void>,
): Promise<UserRow> {
  const { user } = found;
  const patch: Partial<UserRow> = {};
  if (profile.role !== undefined && profile.role !== user.role) patch.role = profile.role;
  const wanted = baseName(profile);
  // A name that changed at the other side; one with our mark (`Ada (3f2a1c)`) stays as it is.
  if (user.username !== wanted && !user.username.startsWith(`${wanted} (`)) {
    const username = await freeUsername(db, profile, user.id);
    if (username !== user.username) patch.username = username;
  }
  if ((profile.email ?? null) !== found.email) {
    await db
      .update(externalIdentities)
      .set({ email: profile.email ?? null, updatedAt: new Date() })
      .where(
        and(
          eq(externalIdentities.issuer, profile.issuer),
          eq(externalIdentities.subject, profile.subject),
        ),
      );
  }
  if (Object.keys(patch).length === 0) return user;
  const [updated] = await db
    .update(users)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(users.id, user.id))
    .returning();
  if (patch.role !== undefined) await onRoleChange?.(user.id);
  return updated ?? user;
}

/** The name to show: `name`, else the email's local part, else a stable `user-xxxxxx`. */
function baseName(profile: ExternalProfile): string {
  const clean = (value: string | undefined) =>
    value
      ?.replace(/[\p{Cc}\p{Cf}]/gu, '') // control and format characters could spoof chat lines
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 48)
      .trim();
  return (
    clean(profile.name) ||
    clean(profile.email?.split('@')[0]) ||
    `user-${identityHash(profile).slice(0, 6)}`
  );
}

function identityHash(profile: ExternalProfile): string {
  return createHash('sha256').update(`${profile.issuer}\n${profile.subject}`).digest('hex');
}

/**
 * Usernames are unique: the name itself when nobody else has it, else the name with a short
 * mark of the identity (stable across sign-ins), else with a random one.
 */
async function freeUsername(db: Db, profile: ExternalProfile, ownId: string): Promise<string> {
  const base = baseName(profile);
  const candidates = [
    base,
    `${base} (${identityHash(profile).slice(0, 6)})`,
    `${base} (${randomBytes(4).toString('hex')})`,
  ];
  for (const name of candidates) {
    const [taken] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.username, name), ne(users.id, ownId)))
      .limit(1);
    if (!taken) return name;
  }
  return candidates[2]!;
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}
