// Joins for bench/viewers.ts, through the app's API as a browser joins: a guest account
// (`POST /api/v1/auth/guest`), then `POST …/join` for a LiveKit token, handed to the Go viewers.
// Each viewer has an address of its own (X-Forwarded-For, which the app trusts from loopback):
// the rate limits count per address and per caller as they would for a real class.
import type { LoadgenEvent, LoadgenProcess } from './viewers-loadgen.js';
import { addressOf, postFrom, sleep } from './support.mjs';

export interface JoinedViewer {
  id: string;
  /** `POST …/join` alone, in ms. */
  joinMs: number;
}

export interface FirstPacket {
  connectMs: number;
  firstPacketMs: number;
}

export interface NewViewers {
  joined: JoinedViewer[];
  /** Viewer id → its connect and first packet times, for those that got one. */
  first: Map<string, FirstPacket>;
  /** API errors and connects that failed. */
  failures: { id: string; error: string }[];
}

export function createViewers(options: {
  baseUrl: string;
  sessionId: string;
  viewers: LoadgenProcess;
  log: (m: string) => void;
}) {
  const { baseUrl, sessionId, viewers } = options;
  let next = 0;
  let connected = 0;

  async function call(path: string, address: string, token: string | undefined, body: unknown) {
    const { ok, status, json } = await postFrom(baseUrl, path, address, token, body);
    if (!ok) throw new Error(`${path}: ${status} ${JSON.stringify(json)}`);
    return json!;
  }

  /** A new guest's LiveKit token, and how long the join call took. */
  async function joinOne(kind: string): Promise<{ id: string; token: string; joinMs: number }> {
    const n = next++;
    const id = `${kind}${n}`;
    const address = addressOf(n + 1);
    const guest = await call('/api/v1/auth/guest', address, undefined, {
      display_name: `Viewer ${n}`,
    });
    const started = performance.now();
    const joined = await call(
      `/api/v1/live/sessions/${sessionId}/join`,
      address,
      guest.token as string,
      {},
    );
    const joinMs = performance.now() - started;
    if (joined.role !== 'viewer') throw new Error(`joined as ${String(joined.role)}`);
    return { id, token: joined.access_token as string, joinMs };
  }

  return {
    /** Viewers handed to the Go process so far. */
    count: () => connected,

    /**
     * Adds viewers until there are `target`, `perSecond` joins a second, each handed to the Go
     * viewers as soon as its token comes; resolves once every new one has its first video
     * packet, or failed, or `timeoutMs` passed.
     */
    async addUntil(target: number, perSecond: number, timeoutMs: number): Promise<NewViewers> {
      const result: NewViewers = { joined: [], first: new Map(), failures: [] };
      const pending = new Set<string>();
      let allJoined = false;
      let settle: () => void = () => undefined;
      const done = new Promise<void>((resolve) => (settle = resolve));
      const check = () => {
        if (allJoined && pending.size === 0) settle();
      };
      const handler = (e: LoadgenEvent) => {
        const id = e.id as string;
        if (!pending.has(id)) return;
        if (e.ev === 'first') {
          result.first.set(id, {
            connectMs: e.connectMs as number,
            firstPacketMs: e.firstPacketMs as number,
          });
        } else if (e.ev === 'failed') {
          result.failures.push({ id, error: e.error as string });
        } else return;
        pending.delete(id);
        check();
      };
      viewers.on(handler);
      const count = target - connected;
      const calls: Promise<void>[] = [];
      const started = Date.now();
      for (let i = 0; i < count; i += 1) {
        const due = started + (i * 1000) / perSecond;
        if (due > Date.now()) await sleep(due - Date.now());
        calls.push(
          joinOne('v').then(
            ({ id, token, joinMs }) => {
              result.joined.push({ id, joinMs });
              pending.add(id);
              connected += 1;
              viewers.send({ op: 'add', viewers: [{ id, token }] });
            },
            (err: Error) => void result.failures.push({ id: `join${i}`, error: err.message }),
          ),
        );
      }
      await Promise.all(calls);
      allJoined = true;
      check();
      await Promise.race([done, sleep(timeoutMs)]);
      viewers.off(handler);
      for (const id of pending) result.failures.push({ id, error: 'no video packet in time' });
      return result;
    },

    /** Tokens of `count` more guests, for the decoding sample (not counted as viewers). */
    async sampleTokens(count: number): Promise<string[]> {
      const tokens: string[] = [];
      for (let i = 0; i < count; i += 1) tokens.push((await joinOne('d')).token);
      return tokens;
    },
  };
}
export type Viewers = ReturnType<typeof createViewers>;
