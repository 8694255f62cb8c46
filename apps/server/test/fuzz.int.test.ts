import { createHash } from 'node:crypto';
import { errorBodySchema } from '@stagecast/contracts';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { AccessToken } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema.js';
import { ERROR_STATUS } from '../src/errors.js';
import { hashPassword } from '../src/modules/auth/passwords.js';
import { preferredBackend } from './support/database.js';
import { startStack } from './support/stack.js';
import type { Stack } from './support/stack.js';

/**
 * Property-based fuzzing of every route of the API (SPEC §6): whatever a client sends (bodies,
 * path parameters, query strings, headers), the answer is never a 5xx, every 4xx is
 * `{error: {code, message, details?}}` with the status of its code, and every 400 names a field.
 *
 * Routes come from the app itself: the generated OpenAPI document (with each route's schemas,
 * which steer the generators towards almost-valid input that reaches the handlers) and Fastify's
 * route table for hidden routes (the LiveKit webhook). Requests go through `app.inject()`: no
 * sockets, but the real handlers, the real database and the real LiveKit server.
 *
 * Callers are anonymous, a user, a mentor who owns live sessions, an admin and a guest, against
 * real ids (a live public session, a private one with its invite, an ended one, a chat message).
 * A fuzzed request that logs out, ends or deletes one of these is followed by a repair of that
 * state, so later requests still reach deep into the handlers.
 *
 * Violations are collected rather than thrown, so one run reports all of them (deduplicated by
 * cause), each with the input that caused it and the server's error log. Set FUZZ_SEED to replay
 * a run. Like the other app-level tests, it runs on PostgreSQL when DATABASE_URL is set, else on
 * PGlite.
 */

/** Requests per kind of input: about 6 s each on a 2-core machine. */
const RUNS_PER_KIND = 600;
/** Per kind: a safety net so that a busy machine still finishes the file within ~60 s. */
const TIME_LIMIT_MS = 10_000;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const PASSWORD = 'correct horse battery';

// ---------------------------------------------------------------------------------------------
// Routes

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
}

interface Route {
  method: string;
  /** OpenAPI style: `/api/v1/live/sessions/{session_id}`. */
  path: string;
  params: Record<string, JsonSchema>;
  query: Record<string, JsonSchema>;
  body: JsonSchema | undefined;
  /** Every name a 400 may point at. */
  fields: string[];
}

interface Operation {
  parameters?: { in: string; name: string; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** What a LiveKit webhook looks like, for generating signed events (the route has no schema). */
const WEBHOOK_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['event', 'room'],
  properties: {
    event: {
      enum: [
        'participant_joined',
        'participant_left',
        'room_started',
        'room_finished',
        'track_published',
        'egress_ended',
      ],
    },
    id: { type: 'string', maxLength: 64 },
    createdAt: { type: 'integer', minimum: 0, maximum: 2 ** 40 },
    room: {
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string', format: 'uuid' }, sid: { type: 'string' } },
    },
    participant: {
      type: 'object',
      properties: { identity: { type: 'string', format: 'identity' }, sid: { type: 'string' } },
    },
  },
};

/** Method and path of every route in Fastify's table (`printRoutes` is a tree of path pieces). */
function routeTable(app: FastifyInstance): { method: string; path: string }[] {
  const found: { method: string; path: string }[] = [];
  const prefixes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    prefixes.length = depth;
    const path = (prefixes[depth - 1] ?? '') + match[2]!;
    prefixes[depth] = path;
    for (const method of match[3]?.split(', ') ?? []) {
      found.push({ method, path: path.replace(/:(\w+)/g, '{$1}') });
    }
  }
  return found;
}

function isApiRoute(method: string, path: string): boolean {
  if (method === 'HEAD' || method === 'OPTIONS' || path.includes('*')) return false;
  if (path.startsWith('/api/docs')) return false;
  // The waiting room's event stream stays open until a host decides: `inject()` would wait for
  // it forever once a fuzzed knock succeeded. lobby.int.test.ts covers its refusals.
  if (path.endsWith('/lobby/wait')) return false;
  // The WHIP gateway (OBS's stream key as Bearer) is no /api/ route, but takes bad input too.
  if (path.startsWith('/whip/')) return true;
  return path.startsWith('/api/') || ['/healthz', '/readyz', '/metrics'].includes(path);
}

async function discoverRoutes(app: FastifyInstance): Promise<Route[]> {
  const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json<{
    paths: Record<string, Record<string, Operation>>;
  }>();
  const routes = new Map<string, Route>();
  const add = (method: string, path: string, op: Operation | undefined, body?: JsonSchema) => {
    const params: Record<string, JsonSchema> = {};
    const query: Record<string, JsonSchema> = {};
    for (const name of path.match(/\{(\w+)\}/g) ?? [])
      params[name.slice(1, -1)] = { type: 'string' };
    for (const p of op?.parameters ?? []) {
      if (p.in === 'path') params[p.name] = p.schema ?? {};
      if (p.in === 'query') query[p.name] = p.schema ?? {};
    }
    const schema = body ?? op?.requestBody?.content?.['application/json']?.schema;
    const fields = [
      ...Object.keys(params),
      ...Object.keys(query),
      ...Object.keys(schema?.properties ?? {}),
    ];
    routes.set(`${method} ${path}`, { method, path, params, query, body: schema, fields });
  };
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (isApiRoute(method.toUpperCase(), path)) add(method.toUpperCase(), path, op);
    }
  }
  // Hidden from the document (the webhook): only Fastify's table knows them.
  for (const { method, path } of routeTable(app)) {
    if (!isApiRoute(method, path) || routes.has(`${method} ${path}`)) continue;
    add(method, path, undefined, path === '/api/livekit/webhook' ? WEBHOOK_SCHEMA : undefined);
  }
  return [...routes.values()].sort((a, b) =>
    `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`),
  );
}

// ---------------------------------------------------------------------------------------------
// The world the fuzzer acts in: accounts and sessions, named in inputs by `@@name@@`.

type Actor = 'none' | 'user' | 'mentor' | 'admin' | 'guest';

interface Account {
  id: string;
  email: string;
  token: string;
}

interface World {
  user: Account;
  mentor: Account;
  admin: Account;
  guest: { id: string; token: string };
  live: string;
  private: string;
  invite: string;
  ended: string;
  message: string;
}

const REFS = {
  live: (w: World) => w.live,
  private: (w: World) => w.private,
  ended: (w: World) => w.ended,
  message: (w: World) => w.message,
  invite: (w: World) => w.invite,
  user_id: (w: World) => w.user.id,
  mentor_id: (w: World) => w.mentor.id,
  admin_id: (w: World) => w.admin.id,
  guest_id: (w: World) => w.guest.id,
  user_identity: (w: World) => `user:${w.user.id}`,
  guest_identity: (w: World) => `guest:${w.guest.id}`,
  user_email: (w: World) => w.user.email,
  mentor_email: (w: World) => w.mentor.email,
  user_token: (w: World) => w.user.token,
  password: () => PASSWORD,
} satisfies Record<string, (w: World) => string>;
type Ref = keyof typeof REFS;
const ref = (...names: Ref[]) => fc.constantFrom(...names.map((n) => `@@${n}@@`));

function resolveRefs(text: string, world: World): string {
  return text.replace(/@@(\w+)@@/g, (whole, name: string) =>
    name in REFS ? REFS[name as Ref](world) : whole,
  );
}

// ---------------------------------------------------------------------------------------------
// Generators

const DATES = [
  '2030-01-01T10:00:00Z',
  '2030-01-01T10:00:00.123456789+05:30',
  '2024-02-29T12:00:00-23:59',
  '2023-02-29T12:00:00Z',
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '1000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '9999-12-31T23:59:59.999-23:59',
  '1969-12-31T23:59:59Z',
  '2030-01-01',
  '2030-01-01T10:00:00',
  '2030-01-01T25:00:00Z',
  '+275760-09-13T00:00:00Z',
  '1700000000',
];

const NASTY = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  '\u202eevil',
  '\ufeff',
  '\u0007\u001b[31m',
  '\r\n\r\nX-Injected: 1',
  '𝕊𝕥𝕒𝕘𝕖',
  '👩‍👩‍👧‍👦',
  '字'.repeat(70),
  '<script>alert(1)</script>',
  "' or 1=1 --",
  '"; drop table users; --',
  '%s%s%n',
  '${7*7}{{7*7}}',
  '../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'user:',
  'guest:x',
  ...DATES,
];

const anyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 60_000 }).map((n) => 'x'.repeat(n)) },
);

const anyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, -1, 0.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, Number.MIN_VALUE),
);

const anyRef = ref('live', 'private', 'ended', 'message', 'user_id', 'guest_id', 'user_identity');

/** Any JSON value a client might send where something else is expected. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: anyString },
  { weight: 2, arbitrary: anyNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(anyString, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(anyString, anyString, { maxKeys: 4 }) },
  { weight: 1, arbitrary: anyRef },
);

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

const isNullable = (s: JsonSchema) =>
  Boolean(s.nullable) || (Array.isArray(s.type) && s.type.includes('null'));

/** A string the schema accepts, from the world's ids where the name says what it is. */
function validString(name: string, s: JsonSchema): fc.Arbitrary<string> {
  if (s.format === 'uuid')
    return name === 'message_id' || name === 'before'
      ? ref('message')
      : ref('live', 'private', 'ended');
  if (s.format === 'email')
    return fc.oneof(
      ref('user_email', 'mentor_email'),
      fc.stringMatching(/^[a-z0-9]{1,12}$/).map((l) => `${l}@example.com`),
    );
  if (s.format === 'date-time') {
    return fc
      .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString());
  }
  if (s.format === 'identity') return ref('user_identity', 'guest_identity');
  if (name === 'user_id') return ref('user_id', 'mentor_id', 'admin_id', 'guest_id');
  if (name === 'invite_token') return ref('invite');
  if (name.includes('password'))
    return fc.oneof(ref('password'), fc.string({ minLength: 8, maxLength: 20 }));
  const unit = s.pattern?.includes('\\p{L}')
    ? fc.constantFrom(...'abcxyzABCXYZ0189_.-éß字')
    : fc.oneof(
        fc.constantFrom(...'abcxyz-_.'),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
      );
  const min = Math.max(s.minLength ?? 1, 1);
  return fc.string({
    unit,
    minLength: min,
    maxLength: Math.max(min, Math.min(s.maxLength ?? 40, 40)),
  });
}

/** A string the schema may accept but the layers below may not, or one just outside it. */
function edgeString(name: string, s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 2_100;
  const options: fc.WeightedArbitrary<string>[] = [
    { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
    // Valid JSON and valid for the schema, but not for PostgreSQL's text.
    { weight: 2, arbitrary: fc.constantFrom('\u0000', 'a\u0000b', `${'x'.repeat(min)}\u0000`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(Math.max(min - 1, 0), min, max, max + 1).map((n) => 'a'.repeat(n)),
    },
    { weight: 1, arbitrary: anyString },
  ];
  const add = (arbitrary: fc.Arbitrary<string>) => options.push({ weight: 3, arbitrary });
  if (s.format === 'uuid')
    add(
      fc.oneof(
        fc.uuid(),
        fc.constantFrom(
          '00000000-0000-0000-0000-000000000000',
          'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
        ),
      ),
    );
  if (s.format === 'email')
    add(
      fc.oneof(
        fc.emailAddress(),
        fc.constantFrom('A@EXAMPLE.COM', 'a@b', '@example.com', 'a\u0000@example.com'),
      ),
    );
  if (s.format === 'date-time') add(fc.constantFrom(...DATES));
  // Chat's length limit is a refinement, not in the schema.
  if (name === 'text') add(fc.constantFrom(1999, 2000, 2001).map((n) => 'b'.repeat(n)));
  return fc.oneof(...options);
}

/** A value the schema accepts (as far as the generator can tell). */
function valid(name: string, s: JsonSchema): fc.Arbitrary<unknown> {
  if (s.anyOf) return fc.oneof(...s.anyOf.map((a) => valid(name, a)));
  if (s.enum) return fc.constantFrom(...s.enum);
  const value = ((): fc.Arbitrary<unknown> => {
    switch (typeOf(s)) {
      case 'string':
        return validString(name, s);
      case 'integer':
      case 'number':
        return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 1000 });
      case 'boolean':
        return fc.boolean();
      case 'object':
        return objectFor(s, 'valid');
      default:
        return hostile;
    }
  })();
  return isNullable(s)
    ? fc.oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) })
    : value;
}

/** A value at or just past the schema's limits, of the wrong type, or an unknown enum member. */
function edge(name: string, s: JsonSchema): fc.Arbitrary<unknown> {
  if (s.anyOf) return fc.oneof(...s.anyOf.map((a) => edge(name, a)));
  if (s.enum) {
    return fc.oneof(
      fc.constantFrom(...s.enum).map((v) => String(v).toUpperCase()),
      fc.constantFrom('unknown', '', null),
      hostile,
    );
  }
  switch (typeOf(s)) {
    case 'string':
      return fc.oneof(
        { weight: 3, arbitrary: edgeString(name, s) },
        { weight: 1, arbitrary: hostile },
      );
    case 'integer':
    case 'number': {
      const min = s.minimum ?? -1000;
      const max = s.maximum ?? 1000;
      return fc.oneof(
        fc.constantFrom(min - 1, min, max, max + 1, 1.5, -0, 2 ** 53 + 2, '1'),
        hostile,
      );
    }
    case 'boolean':
      return fc.oneof(fc.constantFrom('true', 0, 1, null), hostile);
    case 'object':
      return fc.oneof(objectFor(s, 'mixed'), hostile);
    default:
      return hostile;
  }
}

/** Mostly valid, sometimes at the edge: what a field of a near-valid request holds. */
function plausible(name: string, s: JsonSchema): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: valid(name, s) },
    { weight: 1, arbitrary: edge(name, s) },
  );
}

/**
 * An object shaped like the schema: all fields valid; all valid but one at the edge (the input
 * most likely to get past validation and break something below it); or a mix. Unknown keys
 * come along now and then.
 */
function objectFor(
  s: JsonSchema,
  mode: 'valid' | 'mixed' | 'any' = 'any',
): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries(s.properties ?? {});
  const requiredKeys = (s.required ?? []).filter((k) => props.some(([key]) => key === k));
  const record = (
    pick: (key: string, schema: JsonSchema) => fc.Arbitrary<unknown>,
    required: string[],
  ) =>
    fc.record(Object.fromEntries(props.map(([key, schema]) => [key, pick(key, schema)])), {
      requiredKeys: required,
    });
  const allValid = record(valid, requiredKeys);
  if (mode === 'valid' || props.length === 0) return allValid;
  const oneAtEdge = fc
    .tuple(allValid, fc.constantFrom(...props))
    .chain(([base, [key, schema]]) => edge(key, schema).map((v) => ({ ...base, [key]: v })));
  const mixed = record(
    (key, schema) =>
      fc.oneof({ weight: 3, arbitrary: plausible(key, schema) }, { weight: 1, arbitrary: hostile }),
    [],
  );
  const shaped =
    mode === 'mixed'
      ? mixed
      : fc.oneof(
          { weight: 2, arbitrary: allValid },
          { weight: 4, arbitrary: oneAtEdge },
          { weight: 1, arbitrary: mixed },
        );
  return fc
    .tuple(
      shaped,
      fc.oneof(
        { weight: 6, arbitrary: fc.constant({}) },
        { weight: 1, arbitrary: fc.dictionary(anyString, hostile, { maxKeys: 3 }) },
      ),
    )
    .map(([known, extra]) => ({ ...extra, ...known }));
}

interface Body {
  contentType?: string | undefined;
  payload?: string | undefined;
  /** For the webhook: sign the payload with the app's LiveKit keys. */
  sign?: boolean;
}

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/json; charset=utf-16',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json;',
  'application/jsonx',
  'application/webhook+json',
  '*/*',
  ';',
  'text/html; charset=utf-8',
];

const MALFORMED_JSON = [
  '{',
  '{"a":',
  '[1,]',
  "{'a':1}",
  'undefined',
  'NaN',
  '{"a":1}}',
  '\u0000',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '1e400',
  '"\\ud800"',
  '{"text":"\\u0000"}',
  '{"title":"a","title":"b"}',
  ' ',
  '\ufeff{}',
];

/** A JSON body close to the route's schema. */
function nearValidBody(route: Route): fc.Arbitrary<Body> {
  const value = !route.body
    ? hostile
    : typeOf(route.body) === 'object'
      ? objectFor(route.body)
      : plausible('body', route.body);
  const sign = route.path === '/api/livekit/webhook' ? fc.boolean() : fc.constant(false);
  return fc
    .tuple(value, sign)
    .map(([v, s]) => ({ contentType: 'application/json', payload: JSON.stringify(v), sign: s }));
}

/** Anything a client could put in a body. */
function anyBody(route: Route): fc.Arbitrary<Body> {
  const json = (payload: string): Body => ({ contentType: 'application/json', payload });
  return fc.oneof(
    { weight: 6, arbitrary: nearValidBody(route) },
    { weight: 3, arbitrary: hostile.map((v) => json(JSON.stringify(v) ?? 'null')) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 10, max: 20_000 }), fc.constantFrom(['[', ']'], ['{"a":', '}']))
        .map(([depth, [open, close]]) => json(`${open.repeat(depth)}1${close.repeat(depth)}`)),
    },
    { weight: 2, arbitrary: fc.oneof(fc.constantFrom(...MALFORMED_JSON), anyString).map(json) },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 64 * 1024 + 1, max: 256 * 1024 })
        .chain((n) =>
          fc.constantFrom(
            json(JSON.stringify({ title: 'x'.repeat(n), text: 'y' })),
            json('z'.repeat(n)),
          ),
        ),
    },
    { weight: 1, arbitrary: fc.constant<Body>({}) },
    { weight: 1, arbitrary: fc.constant(json('')) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...CONTENT_TYPES), nearValidBody(route))
        .map(([contentType, b]) => ({ ...b, contentType })),
    },
  );
}

interface Param {
  value: string;
  /** Put in the URL as it is (percent-escapes included), not encoded. */
  raw: boolean;
}

function plausibleParam(name: string, schema: JsonSchema): fc.Arbitrary<Param> {
  const value =
    name === 'session_id' ? ref('live', 'live', 'private', 'ended') : plausible(name, schema);
  return fc.oneof(
    {
      weight: 9,
      arbitrary: value.map((v) => ({
        value: typeof v === 'string' ? v : (JSON.stringify(v) ?? ''),
        raw: false,
      })),
    },
    { weight: 1, arbitrary: fc.uuid().map((v) => ({ value: v, raw: false })) },
  );
}

const RAW_PARAMS = [
  '%',
  '%zz',
  '%E0%A4%A',
  '%00',
  '%C0%AF',
  '..',
  '%2e%2e',
  'a%2Fb',
  '%u0041',
  '%%',
  '%FF%FE',
  '%ED%A0%80',
];

const hostileParam: fc.Arbitrary<Param> = fc.oneof(
  { weight: 4, arbitrary: anyString.map((value) => ({ value, raw: false })) },
  { weight: 2, arbitrary: fc.constantFrom(...RAW_PARAMS).map((value) => ({ value, raw: true })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.integer({ min: 90, max: 4000 }), fc.constantFrom('a', 'é', '🙂', '%41'))
      .map(([n, c]) => ({ value: c.repeat(n), raw: c === '%41' })),
  },
  { weight: 2, arbitrary: anyRef.map((value) => ({ value, raw: false })) },
  { weight: 1, arbitrary: fc.uuid().map((v) => ({ value: `{${v.toUpperCase()}}`, raw: false })) },
);

/** A query string (without `?`) for the route's query schema, or garbage. */
function queryFor(route: Route, mode: 'plausible' | 'hostile'): fc.Arbitrary<string> {
  const known = Object.entries(route.query);
  const pair = (key: string, value: unknown) =>
    `${encode(key)}=${encode(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''))}`;
  const knownPairs = known.length
    ? fc.array(
        fc
          .constantFrom(...known)
          .chain(([key, schema]) =>
            fc
              .oneof(
                { weight: mode === 'plausible' ? 6 : 2, arbitrary: plausible(key, schema) },
                { weight: 1, arbitrary: hostile },
              )
              .map((v) => pair(key, v)),
          ),
        { maxLength: mode === 'plausible' ? 3 : 6 },
      )
    : fc.constant<string[]>([]);
  if (mode === 'plausible') {
    return fc.oneof(
      fc.constant(''),
      knownPairs.map((p) => p.join('&')),
    );
  }
  const garbage = fc.oneof(
    fc.tuple(anyString, hostile).map(([k, v]) => pair(k, v)),
    fc.constantFrom(
      '&&&',
      '=',
      '==a',
      'page=1&page=2',
      'status[]=live',
      'status[0]=live&status[1]=ended',
      '%zz=1',
      'page=%00',
      'before=%E0%A4%A',
      '__proto__=1',
      'constructor[prototype][x]=1',
      'hasOwnProperty=1',
      'limit=1e400',
      'page_size=-0',
      'is_public=TRUE',
      'invite_token=@@invite@@',
      `${'a'.repeat(5000)}=1`,
      `q=${'b'.repeat(20_000)}`,
    ),
  );
  return fc
    .tuple(knownPairs, fc.array(garbage, { maxLength: 4 }))
    .chain(([a, b]) => fc.shuffledSubarray([...a, ...b], { minLength: a.length + b.length }))
    .map((parts) => parts.join('&'));
}

/** Header values as a real client can send them: visible ASCII and Latin-1. */
const headerText = (maxLength: number) =>
  fc.string({
    unit: fc
      .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff }))
      .map((c) => String.fromCharCode(c)),
    maxLength,
  });

/** Cookie values are percent-encoded: text with (often broken) escapes in it. */
const percentText = fc
  .array(
    fc.oneof(headerText(4), fc.constantFrom('%', '%zz', '%E0', '%A4', '%41', '%00', '%C3%A9')),
    {
      maxLength: 8,
    },
  )
  .map((parts) => parts.join(''));

const hostileHeaders: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    authorization: fc.oneof(
      fc.constantFrom(
        '',
        'Bearer',
        'Bearer ',
        'Bearer  x',
        'Basic dXNlcjpwYXNz',
        'Token abc',
        'Bearer a b',
      ),
      headerText(60).map((t) => `Bearer ${t}`),
      headerText(60),
      fc.constantFrom(
        'bearer @@user_token@@',
        'BEARER @@user_token@@',
        'Bearer @@user_token@@ x',
        'Bearer @@user_token@@x',
      ),
      fc.integer({ min: 150, max: 9000 }).map((n) => `Bearer ${'t'.repeat(n)}`),
    ),
    cookie: fc.oneof(
      { weight: 3, arbitrary: percentText.map((t) => `stagecast_token=${t}`) },
      { weight: 1, arbitrary: percentText.map((t) => `a=${t}; stagecast_token=${t}`) },
      fc.constantFrom(
        'stagecast_token=%E0%A4%A',
        'stagecast_token=%',
        'stagecast_token=@@user_token@@',
        'a=b; stagecast_token=%zz',
        'stagecast_token=; stagecast_token=x',
        'stagecast_token',
        ';;;',
        '=',
      ),
      headerText(80),
    ),
    'content-type': fc.oneof(fc.constantFrom(...CONTENT_TYPES), headerText(40)),
    origin: fc.oneof(
      fc.constantFrom('http://evil.example', 'null', 'http://localhost:3000'),
      headerText(40),
    ),
    'accept-version': headerText(10),
    'x-forwarded-for': fc.oneof(
      fc.constantFrom('1.2.3.4, 5.6.7.8', '::1', 'unknown', '999.999.999.999'),
      headerText(40),
    ),
    'x-forwarded-host': headerText(40),
    'x-forwarded-proto': fc.constantFrom('https', 'gopher', ''),
    host: fc.oneof(fc.constantFrom('localhost', 'evil.example:99999', ''), headerText(40)),
    accept: fc.oneof(
      fc.constantFrom('text/html', 'application/xml', '*/*;q=0', ''),
      headerText(40),
    ),
    'accept-encoding': fc.constantFrom('gzip', 'br', 'identity;q=0', '*;q=0'),
    'content-encoding': fc.constantFrom('gzip', 'deflate', 'br', 'bogus'),
  },
  { requiredKeys: [] },
);

interface Case {
  route: Route;
  method: string;
  actor: Actor;
  params: Record<string, Param>;
  query: string;
  headers: Record<string, string>;
  body: Body;
}

type Kind = 'bodies' | 'path params' | 'query strings' | 'headers';
const KINDS: Kind[] = ['bodies', 'path params', 'query strings', 'headers'];

/** Routes where this kind of input matters come up more often. */
function routesFor(routes: Route[], kind: Kind): fc.Arbitrary<Route> {
  const weight = (r: Route) => {
    if (kind === 'bodies') return r.body ? 3 : 1;
    if (kind === 'path params') return Object.keys(r.params).length ? 3 : 1;
    if (kind === 'query strings') return Object.keys(r.query).length ? 4 : 1;
    return 1;
  };
  return fc.oneof(...routes.map((r) => ({ weight: weight(r), arbitrary: fc.constant(r) })));
}

const actors = fc.oneof(
  { weight: 2, arbitrary: fc.constant<Actor>('none') },
  { weight: 3, arbitrary: fc.constant<Actor>('user') },
  { weight: 3, arbitrary: fc.constant<Actor>('mentor') },
  { weight: 1, arbitrary: fc.constant<Actor>('admin') },
  { weight: 1, arbitrary: fc.constant<Actor>('guest') },
);

function caseFor(route: Route, kind: Kind): fc.Arbitrary<Case> {
  const params = fc.record(
    Object.fromEntries(
      Object.entries(route.params).map(([name, schema]) => [
        name,
        kind === 'path params'
          ? fc.oneof(
              { weight: 1, arbitrary: plausibleParam(name, schema) },
              { weight: 3, arbitrary: hostileParam },
            )
          : plausibleParam(name, schema),
      ]),
    ),
  );
  const method = fc.oneof(
    { weight: 19, arbitrary: fc.constant(route.method) },
    { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS') },
  );
  return fc.record({
    route: fc.constant(route),
    method,
    actor: actors,
    params,
    query: queryFor(route, kind === 'query strings' ? 'hostile' : 'plausible'),
    headers: kind === 'headers' ? hostileHeaders : fc.constant({}),
    body: kind === 'bodies' || kind === 'headers' ? anyBody(route) : nearValidBody(route),
  });
}

// ---------------------------------------------------------------------------------------------
// Sending and checking

/** encodeURIComponent, which throws on a lone surrogate; a browser sends U+FFFD for it. */
function encode(text: string): string {
  return encodeURIComponent(
    text.replace(
      /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      '\ufffd',
    ),
  );
}

function clip(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
}

/** Every `field` named in an error's details. */
function fieldsIn(details: unknown): string[] {
  if (Array.isArray(details)) return details.flatMap(fieldsIn);
  if (details && typeof details === 'object') {
    const field = (details as { field?: unknown }).field;
    return [
      ...(typeof field === 'string' && field ? [field] : []),
      ...Object.values(details)
        .filter((v) => v && typeof v === 'object')
        .flatMap(fieldsIn),
    ];
  }
  return [];
}

interface Violation {
  key: string;
  problem: string;
  count: number;
  request: string;
  response: string;
  log: string;
}

function createFuzzer(stack: Stack, world: World) {
  const app = () => stack.app;
  let sent = 0;
  let repairs = 0;
  const violations = new Map<string, Violation>();

  async function call(method: string, url: string, token?: string, body?: unknown) {
    const res = await app().inject({
      method: method as InjectOptions['method'],
      url,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    return { status: res.statusCode, body: res.body ? res.json() : null };
  }

  /** Fresh sessions: a live public meeting the user and guest joined, a private one, an ended one. */
  async function repairSessions(): Promise<void> {
    repairs += 1;
    await restoreRoles();
    await repairTokens();
    const create = async (body: Record<string, unknown>) => {
      const res = await call('POST', '/api/v1/live/sessions', world.mentor.token, {
        title: 'Fuzz',
        ...body,
      });
      if (res.status !== 201)
        throw new Error(`cannot create a session: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as { session_id: string; invite_link: string | null };
    };
    world.live = (await create({ start_now: true, session_type: 'meeting' })).session_id;
    const priv = await create({ start_now: true, is_public: false });
    world.private = priv.session_id;
    world.invite = new URL(priv.invite_link!).searchParams.get('invite')!;
    world.ended = (await create({ start_now: true })).session_id;
    await call('POST', `/api/v1/live/sessions/${world.ended}/end`, world.mentor.token);
    for (const token of [world.user.token, world.guest.token]) {
      const joined = await call('POST', `/api/v1/live/sessions/${world.live}/join`, token, {});
      if (joined.status !== 200)
        throw new Error(`cannot join: ${joined.status} ${JSON.stringify(joined.body)}`);
    }
    const chat = await call('POST', `/api/v1/live/sessions/${world.live}/chat`, world.user.token, {
      text: 'hello',
    });
    world.message = (chat.body as { message: { id: string } }).message.id;
  }

  /** A fuzzed admin request may have changed the cast's roles: put them back. */
  async function restoreRoles(): Promise<void> {
    const db = stack.database.db;
    await db.update(users).set({ role: 'admin' }).where(eq(users.id, world.admin.id));
    await db.update(users).set({ role: 'mentor' }).where(eq(users.id, world.mentor.id));
    await db.update(users).set({ role: 'user' }).where(eq(users.id, world.user.id));
  }

  /** Logout and password changes revoke tokens: sign in again (with the password put back). */
  async function repairTokens(): Promise<void> {
    for (const account of [world.user, world.mentor, world.admin]) {
      if ((await call('GET', '/api/v1/auth/me', account.token)).status === 200) continue;
      const passwordHash = await hashPassword(PASSWORD);
      // The fuzzer may have disabled the account (POST /api/v1/admin/users/{id}/disable): undo it.
      await stack.database.db
        .update(users)
        .set({ passwordHash, disabledAt: null })
        .where(eq(users.id, account.id));
      const res = await call('POST', '/api/v1/auth/login', undefined, {
        email: account.email,
        password: PASSWORD,
      });
      if (res.status !== 200)
        throw new Error(`cannot sign in again: ${res.status} ${JSON.stringify(res.body)}`);
      account.token = res.body.token;
    }
    if ((await call('GET', '/api/v1/auth/me', world.guest.token)).status !== 200) {
      const res = await call('POST', '/api/v1/auth/guest', undefined, {
        display_name: 'Fuzz guest',
      });
      world.guest = { id: res.body.user.id, token: res.body.token };
    }
  }

  async function toRequest(c: Case): Promise<InjectOptions> {
    const path = c.route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const param = c.params[name]!;
      const value = resolveRefs(param.value, world);
      return param.raw ? value : encode(value);
    });
    const query = resolveRefs(c.query, world);
    const token = c.actor === 'none' ? undefined : world[c.actor].token;
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (c.body.contentType !== undefined) headers['content-type'] = c.body.contentType;
    const payload = c.body.payload === undefined ? undefined : resolveRefs(c.body.payload, world);
    if (c.body.sign && payload !== undefined) {
      const { apiKey, apiSecret } = stack.livekit.keys;
      const signer = new AccessToken(apiKey, apiSecret);
      signer.sha256 = createHash('sha256').update(payload).digest('base64');
      headers.authorization = await signer.toJwt();
    }
    for (const [name, value] of Object.entries(c.headers))
      headers[name] = resolveRefs(value, world);
    return {
      method: c.method as InjectOptions['method'],
      url: query ? `${path}?${query}` : path,
      headers,
      ...(payload === undefined ? {} : { payload }),
    };
  }

  function record(
    key: string,
    problem: string,
    request: InjectOptions,
    response: string,
    log: string,
  ) {
    const seen = violations.get(key);
    if (seen) {
      seen.count += 1;
      return;
    }
    const headers = Object.entries(request.headers ?? {})
      .map(([k, v]) => `${k}: ${clip(String(v), 80)}`)
      .join(' | ');
    violations.set(key, {
      key,
      problem,
      count: 1,
      request: `${request.method} ${clip(typeof request.url === 'string' ? request.url : JSON.stringify(request.url), 200)}  [${headers}]  ${clip(typeof request.payload === 'string' ? request.payload : '', 200)}`,
      response: clip(response, 300),
      log,
    });
  }

  /** The errors the server logged since `from`: a summary with the stack, and a short cause. */
  function errorsLoggedSince(from: number): { text: string; cause: string } {
    const entries = stack
      .logs()
      .slice(from)
      .split('\n')
      .filter((line) => line.includes('"level":50'))
      .map((line) => {
        try {
          const entry = JSON.parse(line) as {
            msg?: string;
            err?: { type?: string; message?: string; stack?: string };
          };
          const frames = (entry.err?.stack ?? '')
            .split('\n')
            .slice(1)
            .map((f) => f.trim().replace(/^at /, ''));
          // The first frame in our code says where it broke, whatever library threw.
          const ours =
            frames.find((f) => /\/(apps|packages)\//.test(f) && !f.includes('node_modules')) ??
            frames[0] ??
            '';
          const cause = `${entry.err?.type}: ${clip(entry.err?.message ?? '', 60)} @ ${ours.replace(/ \(.*\/(apps|packages)\//, ' ($1/')}`;
          return {
            cause,
            text: `${entry.msg}: ${entry.err?.type}: ${clip(entry.err?.message ?? '', 400)}\n  at ${frames.slice(0, 3).join('\n  at ')}\n  at … ${ours}`,
          };
        } catch {
          return { cause: clip(line, 80), text: clip(line, 400) };
        }
      });
    return {
      text: entries.map((e) => e.text).join('\n'),
      cause: entries[0]?.cause ?? 'nothing logged',
    };
  }

  function check(
    c: Case,
    request: InjectOptions,
    res: { statusCode: number; body: string; headers: Record<string, unknown> },
    logged: { text: string; cause: string },
  ) {
    const log = logged.text;
    const where = `${c.method} ${c.route.path}`;
    const status = res.statusCode;
    // Starting a recording may find the recorder's capacity (RECORDING_MAX_ACTIVE) taken: a 503
    // naming the dependency is the contract's answer for that, not a crash.
    if (
      status === 503 &&
      c.route.path.endsWith('/recording/start') &&
      res.body.includes('"DEPENDENCY_UNAVAILABLE"')
    ) {
      return;
    }
    if (status >= 500) {
      // One entry per cause, whichever route met it first.
      record(`${status} ${logged.cause}`, `${status} on ${where}`, request, res.body, log);
      return;
    }
    if (status < 400 || c.method === 'HEAD') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(res.body);
    } catch {
      record(
        `${where} ${status} not JSON`,
        `${status} answered without a JSON body`,
        request,
        res.body,
        log,
      );
      return;
    }
    const shape = errorBodySchema.safeParse(parsed);
    const contentType = res.headers['content-type'];
    if (
      !shape.success ||
      typeof contentType !== 'string' ||
      !contentType.includes('application/json')
    ) {
      // Fastify's own answers (bad URL, too long a parameter) are the same on every route.
      const fastifyCode = (parsed as { code?: unknown } | null)?.code;
      const key =
        typeof fastifyCode === 'string' ? `${status} ${fastifyCode}` : `${where} ${status} shape`;
      record(key, `${status} not in the {error: {code, message}} shape`, request, res.body, log);
      return;
    }
    const { code, message, details } = shape.data.error;
    if (ERROR_STATUS[code] !== status) {
      record(
        `${where} ${status} ${code}`,
        `${status} with code ${code} (${ERROR_STATUS[code]} expected)`,
        request,
        res.body,
        log,
      );
    }
    if (status === 400) {
      const names = ['body', 'querystring', 'params', 'headers', 'content-type', ...c.route.fields];
      if (fieldsIn(details).length === 0 && !names.some((n) => message.includes(n))) {
        record(`${where} 400 no field`, '400 naming no field', request, res.body, log);
      }
    }
  }

  /** After a request that changed the world, repair it so later requests still reach deep. */
  async function observe(c: Case, status: number): Promise<void> {
    if (status >= 300 || c.method === 'GET') return;
    const path = c.route.path;
    if (path.startsWith('/api/v1/auth/') || path.startsWith('/api/v1/admin/')) {
      await restoreRoles();
      await repairTokens();
      return;
    }
    if (
      /\{session_id\}(\/(start|end|invite)|\/participants\/\{user_id\}(\/kick)?|\/chat\/\{message_id\})?$/.test(
        path,
      )
    ) {
      await repairSessions();
    }
  }

  async function send(c: Case): Promise<void> {
    const request = await toRequest(c);
    const logFrom = stack.logs().length;
    sent += 1;
    const res = await app().inject(request);
    const logged = res.statusCode >= 500 ? errorsLoggedSince(logFrom) : { text: '', cause: '' };
    check(c, request, res, logged);
    await observe(c, res.statusCode);
  }

  return {
    send,
    repairSessions,
    stats: () => ({ sent, repairs }),
    /** What was found since the last call (each kind of input reports its own). */
    takeViolations: () => {
      const found = [...violations.values()];
      violations.clear();
      return found;
    },
  };
}

// ---------------------------------------------------------------------------------------------

function report(kind: string, list: Violation[]): string {
  return list
    .map(
      (v, i) =>
        `#${i + 1} [${kind}] ${v.problem} ×${v.count}\n  request:  ${v.request}\n  response: ${v.response}` +
        (v.log ? `\n  log:      ${v.log.replaceAll('\n', '\n            ')}` : ''),
    )
    .join('\n\n');
}

describe.each([preferredBackend()])('fuzzing every route on %s', (backend) => {
  let stack: Stack;
  let routes: Route[];
  let fuzzer: ReturnType<typeof createFuzzer>;
  let started = 0;

  beforeAll(async () => {
    started = Date.now();
    stack = await startStack({
      backend,
      env: {
        RATE_LIMIT_MULTIPLIER: '100000',
        // Recordings the fuzzer starts stay cheap on a 2-core machine.
        RECORDING_WIDTH: '160',
        RECORDING_HEIGHT: '90',
        RECORDING_FPS: '5',
        RECORDING_PRESET: 'ultrafast',
      },
    });
    routes = await discoverRoutes(stack.app);
    const register = async (name: string) => {
      const email = `${name}@example.com`;
      const res = await stack.app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { email, username: name, password: PASSWORD },
      });
      const body = res.json();
      return { id: body.user.id as string, email, token: body.token as string };
    };
    const admin = await register('fuzz_admin');
    const mentor = await register('fuzz_mentor');
    const user = await register('fuzz_user');
    const guest = (
      await stack.app.inject({
        method: 'POST',
        url: '/api/v1/auth/guest',
        payload: { display_name: 'Fuzz guest' },
      })
    ).json();
    const world: World = {
      admin,
      mentor,
      user,
      guest: { id: guest.user.id, token: guest.token },
      live: '',
      private: '',
      invite: '',
      ended: '',
      message: '',
    };
    fuzzer = createFuzzer(stack, world);
    await fuzzer.repairSessions(); // also makes fuzz_mentor a mentor
  });

  afterAll(async () => {
    const { sent, repairs } = fuzzer?.stats() ?? { sent: 0, repairs: 0 };
    console.log(
      `[fuzz ${backend}] ${sent} requests to ${routes?.length ?? 0} routes in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
        `(${repairs} state repairs, seed ${SEED})`,
    );
    await stack?.stop();
  });

  it('finds every route, the hidden webhook and the WHIP gateway included', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    expect(names).toContain('POST /api/v1/live/sessions/{session_id}/join');
    expect(names).toContain('POST /api/livekit/webhook');
    expect(names).toContain('DELETE /api/v1/live/sessions/{session_id}/chat/{message_id}');
    expect(names).toContain('POST /whip/v1');
    expect(names).toContain('PATCH /whip/v1/{participant_id}');
    expect(names.some((n) => n.includes('/api/docs'))).toBe(false);
  });

  it.each(KINDS)('answers random %s with no 5xx and well-formed 4xx errors', async (kind) => {
    fuzzer.takeViolations();
    await fc.assert(
      fc.asyncProperty(
        routesFor(routes, kind).chain((route) => caseFor(route, kind)),
        async (c) => {
          await fuzzer.send(c);
        },
      ),
      {
        numRuns: RUNS_PER_KIND,
        seed: SEED + KINDS.indexOf(kind),
        plugins: [fc.interruptAfterTimeLimit(TIME_LIMIT_MS)],
      },
    );
    const found = fuzzer.takeViolations();
    expect(found, `\n${report(`${backend}, ${kind}`, found)}\n`).toEqual([]);
  });
});
