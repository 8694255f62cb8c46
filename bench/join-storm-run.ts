// The storm of bench/join-storm.ts: N viewers, each from an address of its own, join one live
// session through the API (a guest account, then `POST …/join`) spread evenly over a window,
// each handed to the Go viewers (bench/viewers/view.go) to connect to LiveKit as soon as its
// token comes; meanwhile the database's participant count and LiveKit's are sampled.
import type { LoadgenEvent, LoadgenProcess } from './viewers-loadgen.js';
import { addressOf, postFrom, sleep } from './support.mjs';

export interface StormViewer {
  n: number;
  /** HTTP status of `POST /api/v1/auth/guest` and of `POST …/join` (0: no answer). */
  guestStatus: number;
  joinStatus?: number;
  /** `POST …/join` alone, in ms. */
  joinMs?: number;
  /** When the Go viewer said connected or failed, in ms from the storm's start. */
  connectedAt?: number;
  failedAt?: number;
  /** The Go SDK's connect time of the attempt that succeeded, and the attempts used. */
  connectMs?: number;
  attempts?: number;
  error?: string;
}

export interface CountSample {
  /** ms from the storm's start. */
  at: number;
  livekit: number;
  database: number;
}

async function post(baseUrl: string, path: string, address: string, token?: string) {
  try {
    const body = token ? {} : { display_name: `Viewer ${address}` };
    const { status, json } = await postFrom(baseUrl, path, address, token, body);
    return { status, json };
  } catch (err) {
    return { status: 0, json: { error: (err as Error).message } };
  }
}

/**
 * Runs the storm; resolves once every viewer connected or failed (or `timeoutMs` after the
 * last join), with each viewer's figures.
 */
export async function runStorm(options: {
  baseUrl: string;
  sessionId: string;
  viewers: LoadgenProcess;
  count: number;
  windowMs: number;
  timeoutMs: number;
  started: number;
}): Promise<StormViewer[]> {
  const { baseUrl, sessionId, viewers, count, windowMs, started } = options;
  const list: StormViewer[] = [];
  const byId = new Map<string, StormViewer>();
  let open = 0;
  let settle: () => void = () => undefined;
  const allSettled = new Promise<void>((resolve) => (settle = resolve));
  let joinsDone = false;
  const check = () => {
    if (joinsDone && open === 0) settle();
  };
  const handler = (e: LoadgenEvent) => {
    const v = byId.get(e.id as string);
    if (!v || v.connectedAt !== undefined || v.failedAt !== undefined) return;
    if (e.ev === 'connected') {
      v.connectedAt = performance.now() - started;
      v.connectMs = e.connectMs as number;
      v.attempts = e.attempts as number;
    } else if (e.ev === 'failed') {
      v.failedAt = performance.now() - started;
      v.error = e.error as string;
      v.attempts = e.attempts as number;
    } else return;
    open -= 1;
    check();
  };
  viewers.on(handler);
  const calls: Promise<void>[] = [];
  for (let n = 0; n < count; n += 1) {
    const due = started + (n * windowMs) / count;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const v: StormViewer = { n, guestStatus: 0 };
    list.push(v);
    calls.push(
      (async () => {
        const address = addressOf(n + 1);
        const guest = await post(baseUrl, '/api/v1/auth/guest', address);
        v.guestStatus = guest.status;
        if (guest.status !== 201 && guest.status !== 200) {
          v.error = `guest: ${guest.status} ${JSON.stringify(guest.json)}`;
          return;
        }
        const t = performance.now();
        const joined = await post(
          baseUrl,
          `/api/v1/live/sessions/${sessionId}/join`,
          address,
          guest.json!.token as string,
        );
        v.joinMs = performance.now() - t;
        v.joinStatus = joined.status;
        if (joined.status !== 200) {
          v.error = `join: ${joined.status} ${JSON.stringify(joined.json)}`;
          return;
        }
        const id = `s${n}`;
        byId.set(id, v);
        open += 1;
        viewers.send({ op: 'add', viewers: [{ id, token: joined.json!.access_token as string }] });
      })(),
    );
  }
  await Promise.all(calls);
  joinsDone = true;
  check();
  await Promise.race([allSettled, sleep(options.timeoutMs)]);
  viewers.off(handler);
  for (const v of byId.values()) {
    if (v.connectedAt === undefined && v.failedAt === undefined) v.error = 'no answer in time';
  }
  return list;
}

/**
 * Samples both counts every `everyMs` until `stop()`: LiveKit's participants of the room
 * (RoomService ListParticipants) and the session's `participant_count` (`GET` the session).
 */
export function sampleCounts(options: {
  livekit: () => Promise<number>;
  database: () => Promise<number>;
  started: number;
  everyMs: number;
}) {
  const samples: CountSample[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const tick = performance.now();
      const [livekit, database] = await Promise.all([
        options.livekit().catch(() => -1),
        options.database().catch(() => -1),
      ]);
      samples.push({ at: Math.round(tick - options.started), livekit, database });
      const rest = options.everyMs - (performance.now() - tick);
      if (rest > 0) await sleep(rest);
    }
  })();
  return {
    samples,
    async stop() {
      running = false;
      await loop;
    },
  };
}
