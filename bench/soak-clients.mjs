// The members of the soak's class (issue 13; bench/soak.ts and its short run in the tests): N
// clients that churn through one live session as people do. Each, from an address of its own,
// takes a guest account, then loops: joins (`POST …/join`, then a real LiveKit connection with
// @livekit/rtc-node, subscribing to nothing and publishing nothing), does a few things with
// random think times between them (chat, raise or lower its hand, ask the host to promote or
// demote it, now and then gets kicked), leaves (disconnects), thinks, and joins again. A kicked
// client is barred from the session, so it takes a new guest account and carries on.
//
// Every call is counted by operation and HTTP status; anything but the expected status is a
// failure (see `EXPECTED`). Types in soak-clients.d.mts.
import console from 'node:console';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { addressOf, callFrom, importFromServer, ROOT, sleep } from './support.mjs';

/** The answer each operation must get; any other (or none) counts as a failure. */
export const EXPECTED = {
  guest: [201],
  join: [200],
  chat: [201],
  hand: [200],
  role: [200],
  kick: [200],
  /** Not HTTP: the LiveKit connection (200 connected, 0 failed). */
  connect: [200],
  /** Not HTTP: a kicked client's connection ends within 10 s (200) or not (0). */
  kicked: [200],
};

/** How often each thing is done, relative to the others, during a visit. */
const WEIGHTS = { chat: 40, hand: 30, role: 20, kick: 2 };

const between = (min, max) => min + Math.random() * (max - min);

function pick(weights) {
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  let r = Math.random() * total;
  for (const [name, weight] of Object.entries(weights)) {
    r -= weight;
    if (r < 0) return name;
  }
  return Object.keys(weights)[0];
}

/** `promise`, or a rejection after `ms`. */
function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * @livekit/rtc-node 1.1 asks its native side for every log line at every level (it initializes
 * it with log capture on) and hands each one to every room's listener: with 50 clients about
 * 7,000 lines a second (libwebrtc's debug log, the WebSocket's trace), which the generator could
 * not keep up with: its memory grew by ~400 MB a minute, and disconnects waited more than 10 s
 * behind the queue. Initialized here with capture off, before the SDK's first use: the native
 * side then logs through RUST_LOG to stderr (unset: errors only). Nothing if already done.
 */
function quietRtcNode() {
  if (globalThis._ffiClientInstance) return false;
  const fromServer = createRequire(join(ROOT, 'apps/server/package.json'));
  const bindings = createRequire(fromServer.resolve('@livekit/rtc-node'))(
    '@livekit/rtc-ffi-bindings',
  );
  const initialize = bindings.livekitInitialize;
  bindings.livekitInitialize = (callback, _captureLogs, version) =>
    initialize(callback, false, version);
  return true;
}
// On import: the soak's host client (soak-run.mjs) is created before these clients.
const quieted = quietRtcNode();

/**
 * Lets a left room go at once. @livekit/rtc-node 1.1 keeps a room the server disconnected (a
 * kick) listening to every FFI event (its `disconnect()` returns early), so it is never
 * collected; and it frees any room's native side (its peer connection, threads and sockets) only
 * when V8 collects the JS object, which native memory never hastens: after 50 s of churn the
 * generator held 949 threads and 3,154 fds, and after ~400 visits its native side stopped
 * answering (connects and disconnects timed out). `closed`: the connection is known to be over
 * (the disconnect answered, or the server ended it), so its native side can go now.
 */
function releaseRoom(ffi, room, closed) {
  ffi.FfiClient.instance.off(ffi.FfiClientEvent.FfiEvent, room.onFfiEvent);
  if (closed) room.ffiHandle?.dispose();
}

/** The operations' tally: statuses per operation, durations, the first errors. */
function tally() {
  const statuses = {};
  const durations = {};
  const errors = [];
  return {
    statuses,
    durations,
    errors,
    record(op, status, ms, detail) {
      statuses[op] ??= {};
      statuses[op][status] = (statuses[op][status] ?? 0) + 1;
      (durations[op] ??= []).push(ms);
      if (!EXPECTED[op].includes(status) && errors.length < 50)
        errors.push({ at: new Date().toISOString(), op, status, detail });
    },
  };
}

/**
 * Starts `count` churning clients in the live session `sessionId` whose host (owner) is `host`;
 * `stop()` makes each finish what it is doing, leave, and resolves when all have.
 */
export async function startSoakClients({
  baseUrl,
  livekitUrl,
  sessionId,
  host,
  count,
  thinkMs = [1000, 6000],
  actionsPerVisit = [2, 8],
}) {
  const { Room, RoomEvent } = await importFromServer('@livekit/rtc-node');
  const ffi = await importFromServer('@livekit/rtc-node', 'ffi_client.cjs');
  const ops = tally();
  const session = `/api/v1/live/sessions/${sessionId}`;
  const hostAddress = addressOf(1);
  let stopping = false;
  let connected = 0;
  let visits = 0;

  async function call(op, method, path, address, token, body) {
    const started = Date.now();
    try {
      const answer = await within(
        callFrom(baseUrl, method, path, address, token, body),
        15_000,
        `${method} ${path}`,
      );
      ops.record(op, answer.status, Date.now() - started, answer.json);
      return answer;
    } catch (err) {
      ops.record(op, 0, Date.now() - started, err.message);
      return { ok: false, status: 0, json: null };
    }
  }

  /** Sleeps a think time, or less when the soak is stopping. */
  async function think() {
    const until = Date.now() + between(...thinkMs);
    while (!stopping && Date.now() < until) await sleep(Math.min(250, until - Date.now()));
  }

  async function guest(address, n, generation) {
    for (;;) {
      const answer = await call('guest', 'POST', '/api/v1/auth/guest', address, undefined, {
        display_name: `Soak ${n}.${generation}`,
      });
      if (answer.status === 201) return { token: answer.json.token, id: answer.json.user.id };
      if (stopping) return undefined;
      await sleep(5000);
    }
  }

  /** One visit: connected, a few actions, then leave. Resolves true when it was kicked. */
  async function visit(address, account) {
    const joined = await call('join', 'POST', `${session}/join`, address, account.token, {});
    if (joined.status !== 200) return false;
    const room = new Room();
    let gone = false;
    const left = new Promise((resolve) =>
      room.once(RoomEvent.Disconnected, () => resolve((gone = true))),
    );
    const started = Date.now();
    try {
      await within(
        room.connect(livekitUrl, joined.json.access_token, {
          autoSubscribe: false,
          dynacast: false,
        }),
        15_000,
        'connect',
      );
      ops.record('connect', 200, Date.now() - started);
    } catch (err) {
      ops.record('connect', 0, Date.now() - started, err.message);
      const closed = await within(room.disconnect(), 10_000, 'disconnect').then(
        () => true,
        () => false,
      );
      releaseRoom(ffi, room, closed);
      return false;
    }
    visits += 1;
    connected += 1;
    let role = joined.json.role;
    let raised = false;
    let kicked = false;
    const actions = Math.round(between(...actionsPerVisit));
    for (let i = 0; i < actions && !stopping && !gone; i += 1) {
      await think();
      if (stopping || gone) break;
      const action = pick(WEIGHTS);
      if (action === 'chat') {
        await call('chat', 'POST', `${session}/chat`, address, account.token, {
          text: `soak message ${i} of visit ${visits}`,
        });
      } else if (action === 'hand') {
        const answer = await call('hand', 'POST', `${session}/hand`, address, account.token, {
          raised: !raised,
        });
        if (answer.status === 200) raised = !raised;
      } else if (action === 'role') {
        const next = role === 'viewer' ? 'speaker' : 'viewer';
        const answer = await call(
          'role',
          'PATCH',
          `${session}/participants/${account.id}`,
          hostAddress,
          host.token,
          { role: next },
        );
        if (answer.status === 200) role = next;
      } else {
        const answer = await call(
          'kick',
          'POST',
          `${session}/participants/${account.id}/kick`,
          hostAddress,
          host.token,
          {},
        );
        if (answer.status === 200) {
          kicked = true;
          const t = Date.now();
          const ended = await Promise.race([left, sleep(10_000).then(() => false)]);
          ops.record('kicked', ended ? 200 : 0, Date.now() - t, ended ? undefined : 'still in');
          break;
        }
      }
    }
    connected -= 1;
    const closed = await within(room.disconnect(), 10_000, 'disconnect').then(
      () => true,
      (err) => (console.error(`[soak] ${err.message}`), false),
    );
    releaseRoom(ffi, room, closed || gone);
    return kicked;
  }

  async function client(n) {
    const address = addressOf(100 + n);
    let generation = 0;
    let account = await guest(address, n, generation);
    while (!stopping && account) {
      if (await visit(address, account)) {
        generation += 1;
        account = await guest(address, n, generation);
      }
      await think();
    }
  }

  // Spread the first joins over the first think time, as a class trickles in.
  const loops = Array.from({ length: count }, (_, n) =>
    sleep(between(0, thinkMs[1])).then(() => (stopping ? undefined : client(n))),
  );
  return {
    ops,
    /** Whether rtc-node's log capture could be turned off (see `quietRtcNode`). */
    logCaptureOff: quieted,
    /** Clients connected to LiveKit now, and visits begun so far. */
    connected: () => connected,
    visits: () => visits,
    async stop() {
      stopping = true;
      await Promise.all(loops);
    },
  };
}
