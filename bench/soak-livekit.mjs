// The LiveKit side of the soak's clients (soak-clients.mjs) and of its host (soak-run.mjs): a
// connection that subscribes to nothing and publishes nothing, told when the server ends it (a
// kick). Two kinds with the same shape:
//
// - `go` (bench/soak.ts): one long-lived process of the Go load generator (bench/viewers/
//   churn.go, LiveKit's Go SDK), driven in JSON lines; built by loadgen.mjs.
// - `rtc-node` (the short run in the tests, which needs no Go): @livekit/rtc-node in this
//   process. Over ~400 visits its native side stops answering (bench/README.md), which a 45 s
//   run does not reach.
//
// `connect(id, token)` answers `{ connected, ended, gone, leave }`: `connected` resolves with
// the connect's ms (rejects on failure or after 15 s); `ended` resolves with the reason when
// the server ended the connection; `gone()` whether it did; `leave()` disconnects and resolves
// true when that was answered within 10 s (false otherwise; it never rejects).
import console from 'node:console';
import { buildLoadgen, startLoadgen } from './loadgen.mjs';
import { importFromServer, within } from './support.mjs';

const CONNECT_MS = 15_000;
const LEAVE_MS = 10_000;

/** The Go clients: one `loadgen churn` process for all connections. */
async function goClients({ livekitUrl, log }) {
  const bin = buildLoadgen(log);
  const stops = [];
  const proc = startLoadgen(bin, ['churn', '-url', livekitUrl], { add: (f) => stops.push(f) });
  const open = new Map();
  proc.on((e) => {
    const c = open.get(e.id);
    if (!c) return;
    if (e.ev === 'connected') c.onConnected(e.ms);
    else if (e.ev === 'connect_failed') c.onFailed(new Error(`connect: ${e.error}`));
    else if (e.ev === 'disconnected') c.onEnded(e.reason);
  });
  return {
    kind: 'go',
    pid: proc.pid,
    connect(id, token) {
      let gone = false;
      const c = {};
      const connected = new Promise((resolve, reject) => {
        c.onConnected = resolve;
        c.onFailed = (err) => {
          reject(err);
          c.settle();
        };
      });
      connected.catch(() => undefined);
      const over = new Promise((resolve) => (c.settle = resolve));
      const ended = new Promise((resolve) => {
        c.onEnded = (reason) => {
          if (reason !== 'CLIENT_INITIATED' && reason !== 'GONE') {
            gone = true;
            resolve(reason);
          }
          c.settle();
        };
      });
      void over.then(() => open.delete(id));
      open.set(id, c);
      proc.send({ op: 'connect', id, token });
      return {
        connected: within(connected, CONNECT_MS, 'connect'),
        ended,
        gone: () => gone,
        async leave() {
          if (!open.has(id)) return true;
          proc.send({ op: 'disconnect', id });
          return within(over, LEAVE_MS, 'disconnect').then(
            () => true,
            (err) => (console.error(`[soak] ${id} ${err.message}`), false),
          );
        },
      };
    },
    /** The Go process's own view: connections it holds, goroutines, heap. */
    stats: () => (proc.send({ op: 'stats' }), proc.next((e) => e.ev === 'stats', 5000)),
    async close() {
      proc.send({ op: 'quit' });
      await within(proc.exited, 15_000, 'loadgen quit').catch(() => undefined);
      for (const stop of stops) await stop();
    },
  };
}

/**
 * Lets a left room go at once. rtc-node 1.1 keeps a room the server disconnected (a kick)
 * listening to every FFI event, so it is never collected; and it frees a room's native side
 * (peer connection, threads, sockets) only when V8 collects the JS object: after 50 s of churn
 * the generator held 949 threads and 3,154 fds. `closed`: the connection is known to be over,
 * so its native side can go now.
 */
function releaseRoom(ffi, room, closed) {
  ffi.FfiClient.instance.off(ffi.FfiClientEvent.FfiEvent, room.onFfiEvent);
  if (closed) room.ffiHandle?.dispose();
}

/** The rtc-node clients, in this process. */
async function rtcNodeClients({ livekitUrl }) {
  // Before the SDK's first use: with 50 clients its log capture sent ~7,000 lines a second into
  // this process (its memory grew ~400 MB a minute; disconnects waited more than 10 s).
  const { quietRtcNode } = await import('../apps/server/src/livekit/rtc-node-logs.ts');
  const logCaptureOff = quietRtcNode();
  const { Room, RoomEvent } = await importFromServer('@livekit/rtc-node');
  const ffi = await importFromServer('@livekit/rtc-node', 'ffi_client.cjs');
  return {
    kind: 'rtc-node',
    logCaptureOff,
    connect(id, token) {
      const room = new Room();
      let gone = false;
      const ended = new Promise((resolve) =>
        room.once(RoomEvent.Disconnected, (reason) => {
          gone = true;
          resolve(reason);
        }),
      );
      const started = Date.now();
      const connected = within(
        room.connect(livekitUrl, token, { autoSubscribe: false, dynacast: false }),
        CONNECT_MS,
        'connect',
      ).then(() => Date.now() - started);
      let left;
      return {
        connected,
        ended,
        gone: () => gone,
        leave() {
          left ??= within(room.disconnect(), LEAVE_MS, 'disconnect').then(
            () => true,
            (err) => (console.error(`[soak] ${id} ${err.message}`), false),
          );
          return left.then((closed) => {
            releaseRoom(ffi, room, closed || gone);
            return closed;
          });
        },
      };
    },
    close: async () => undefined,
  };
}

/** The clients of `kind` ('go' or 'rtc-node') for the LiveKit server at `livekitUrl`. */
export function liveKitClients(kind, options) {
  if (kind === 'go') return goClients(options);
  if (kind === 'rtc-node') return rtcNodeClients(options);
  throw new Error(`unknown LiveKit clients ${kind} (go or rtc-node)`);
}
