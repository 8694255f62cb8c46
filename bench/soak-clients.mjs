// The members of the soak's class (issue 13; bench/soak.ts and its short run in the tests): N
// clients that churn through one live session as people do. Each, from an address of its own,
// takes a guest account, then loops: joins (`POST …/join`, then a real LiveKit connection,
// subscribing to nothing and publishing nothing: soak-livekit.mjs's Go or rtc-node clients), does a few things with
// random think times between them (chat, raise or lower its hand, ask the host to promote or
// demote it, now and then gets kicked), leaves (disconnects), thinks, and joins again. A kicked
// client is barred from the session, so it takes a new guest account and carries on.
//
// Every call is counted by operation and HTTP status; anything but the expected status is a
// failure (see `EXPECTED`). Types in soak-clients.d.mts.
import { addressOf, callFrom, sleep, within } from './support.mjs';

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
 * Starts `count` churning clients in the live session `sessionId` whose host (owner) is `host`,
 * connecting with `livekit` (soak-livekit.mjs's `liveKitClients`); `stop()` makes each finish
 * what it is doing, leave, and resolves when all have.
 */
export async function startSoakClients({
  baseUrl,
  livekit,
  sessionId,
  host,
  count,
  thinkMs = [1000, 6000],
  actionsPerVisit = [2, 8],
}) {
  const ops = tally();
  const session = `/api/v1/live/sessions/${sessionId}`;
  const hostAddress = addressOf(1);
  let stopping = false;
  let connected = 0;
  let visits = 0;
  let links = 0;

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
  async function visit(address, account, n) {
    const joined = await call('join', 'POST', `${session}/join`, address, account.token, {});
    if (joined.status !== 200) return false;
    links += 1;
    const link = livekit.connect(`c${n}-${links}`, joined.json.access_token);
    const started = Date.now();
    try {
      ops.record('connect', 200, await link.connected);
    } catch (err) {
      ops.record('connect', 0, Date.now() - started, err.message);
      await link.leave();
      return false;
    }
    visits += 1;
    connected += 1;
    let role = joined.json.role;
    let raised = false;
    let kicked = false;
    const actions = Math.round(between(...actionsPerVisit));
    for (let i = 0; i < actions && !stopping && !link.gone(); i += 1) {
      await think();
      if (stopping || link.gone()) break;
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
          const ended = await Promise.race([
            link.ended.then(() => true),
            sleep(10_000).then(() => false),
          ]);
          ops.record('kicked', ended ? 200 : 0, Date.now() - t, ended ? undefined : 'still in');
          break;
        }
      }
    }
    connected -= 1;
    await link.leave();
    return kicked;
  }

  async function client(n) {
    const address = addressOf(100 + n);
    let generation = 0;
    let account = await guest(address, n, generation);
    while (!stopping && account) {
      if (await visit(address, account, n)) {
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
    /** Clients connected to LiveKit now, and visits begun so far. */
    connected: () => connected,
    visits: () => visits,
    async stop() {
      stopping = true;
      await Promise.all(loops);
    },
  };
}
