import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { backends, createTestDatabase } from '../../test/support/database.js';
import type { TestDatabase } from '../../test/support/database.js';
import { userRepository } from '../modules/auth/user-repository.js';
import { participantRepository } from '../modules/participants/participant-repository.js';
import { sessionRepository } from '../modules/sessions/session-repository.js';
import { openDatabase } from './client.js';
import type { Database } from './client.js';

describe.each(backends())('the database on %s', (backend) => {
  let testDb: TestDatabase;
  const open: Database[] = [];

  async function connect(): Promise<Database> {
    const database = await openDatabase({
      databaseUrl: testDb.databaseUrl,
      dataDir: testDb.dataDir,
    });
    open.push(database);
    return database;
  }

  afterEach(async () => {
    for (const database of open.splice(0)) await database.close();
    await testDb?.drop();
  });

  it('applies the migrations to an empty database, once', async () => {
    testDb = await createTestDatabase(backend, { empty: true });
    const database = await connect();
    expect(database.kind).toBe(backend);
    await database.migrate();
    await database.migrate();
    const tables = await database.rows<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(tables.map((r) => r.table_name)).toEqual([
      'attendance_intervals',
      'audit_log',
      'auth_tokens',
      'chat_messages',
      'external_identities',
      'ingest_keys',
      'live_participants',
      'live_sessions',
      'lobby_entries',
      'oidc_logins',
      'poll_votes',
      'polls',
      'question_upvotes',
      'questions',
      'recordings',
      'spent_tokens',
      'stats_samples',
      'users',
      'webhook_deliveries',
      'webhook_endpoints',
      'webhook_events',
    ]);
    const applied = await database.rows<{ n: number }>(
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(applied[0]?.n).toBeGreaterThanOrEqual(1);
  });

  it('stores and reads users, sessions and participants through the repositories', async () => {
    testDb = await createTestDatabase(backend);
    const database = await connect();
    await database.migrate();
    const usersRepo = userRepository(database.db);
    const sessions = sessionRepository(database.db);
    const participants = participantRepository(database.db);

    const owner = await usersRepo.create({
      id: randomUUID(),
      email: 'Mentor@Example.com',
      username: 'mentor',
      passwordHash: 'argon2id$placeholder',
      role: 'mentor',
    });
    expect(owner.email).toBe('mentor@example.com');
    expect((await usersRepo.findByEmail('MENTOR@example.com'))?.id).toBe(owner.id);
    expect(await usersRepo.countByRole('mentor')).toBe(1);
    // Emails are unique regardless of case.
    await expect(
      usersRepo.create({
        id: randomUUID(),
        email: 'mentor@EXAMPLE.com',
        username: 'other',
        passwordHash: 'x',
        role: 'user',
      }),
    ).rejects.toThrow();

    const sessionId = randomUUID();
    const session = await sessions.create({
      sessionId,
      ownerId: owner.id,
      title: 'Intro to WebRTC',
      sessionType: 'broadcast',
    });
    expect(session.status).toBe('scheduled');
    expect(session.maxParticipants).toBe(0);
    expect(session.isPublic).toBe(true);
    expect((await sessions.findById(sessionId))?.title).toBe('Intro to WebRTC');

    const identity = `user:${owner.id}`;
    await participants.upsertParticipant({
      id: randomUUID(),
      sessionId,
      userId: owner.id,
      identity,
      displayName: 'M',
      role: 'viewer',
    });
    await participants.upsertParticipant({
      id: randomUUID(),
      sessionId,
      userId: owner.id,
      identity,
      displayName: 'Mentor',
      role: 'host',
    });
    const participant = await participants.findParticipant(sessionId, identity);
    expect(participant).toMatchObject({ displayName: 'Mentor', role: 'host', connected: false });
  });

  it('refuses values outside the contract', async () => {
    testDb = await createTestDatabase(backend);
    const database = await connect();
    await database.migrate();
    const owner = await userRepository(database.db).create({
      id: randomUUID(),
      email: 'a@b.c',
      username: 'a',
      passwordHash: 'x',
      role: 'user',
    });
    await expect(
      sessionRepository(database.db).create({
        sessionId: randomUUID(),
        ownerId: owner.id,
        title: 't',
        sessionType: 'broadcast',
        maxParticipants: -1,
      }),
    ).rejects.toThrow();
    await expect(
      database.db.execute(
        sql`insert into users (id, email, username, password_hash, role) values ('x', 'x@y.z', 'x', 'x', 'root')`,
      ),
    ).rejects.toThrow();
  });

  if (backend === 'postgres') {
    it('lets two instances migrate one database at the same moment', async () => {
      testDb = await createTestDatabase(backend);
      const [a, b] = await Promise.all([connect(), connect()]);
      await Promise.all([a.migrate(), b.migrate()]);
      const applied = await a.rows<{ n: number }>(
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      const userCount = await b.rows<{ n: number }>(sql`select count(*)::int as n from users`);
      expect(applied[0]?.n).toBeGreaterThanOrEqual(1);
      expect(userCount[0]?.n).toBe(0);
    });

    it('gives a leader lock to one instance at a time, and frees it when its holder stops or its connection dies', async () => {
      testDb = await createTestDatabase(backend);
      const [a, b] = await Promise.all([connect(), connect()]);
      const key = 4242;
      const onA = a.leaderLock(key);
      const onB = b.leaderLock(key);
      try {
        expect(await onA.hold()).toBe(true);
        expect(await onB.hold()).toBe(false);
        // The holder keeps it at every try; another key is another lock.
        expect(await onA.hold()).toBe(true);
        expect(await b.leaderLock(key + 1).hold()).toBe(true);
        await onA.release();
        expect(await onB.hold()).toBe(true);
        expect(await onA.hold()).toBe(false);
        // The holder's session ends without a word (its process killed): the lock goes with it.
        await a.rows(
          sql`select pg_terminate_backend(pid) from pg_locks
              where locktype = 'advisory' and objid = ${key} and granted`,
        );
        // B's next try fails (its connection is lost) or, when its client has already connected
        // again, takes the lock in its new session (CI, 2026-12-01): either way the dead
        // session's lock is gone and exactly one of the two holds it.
        const retakenByB = (await onB.hold().catch(() => false)) === true;
        expect(await onA.hold()).toBe(!retakenByB);
      } finally {
        await onA.release();
        await onB.release();
      }
    });
  } else {
    it('holds every leader lock at once: PGlite is a single instance', async () => {
      testDb = await createTestDatabase(backend);
      const database = await connect();
      expect(await database.leaderLock(1).hold()).toBe(true);
      expect(await database.leaderLock(1).hold()).toBe(true);
    });
  }
});
