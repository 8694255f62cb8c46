import { createRequire } from 'node:module';

/**
 * `@livekit/rtc-node` 1.1 initializes its native side with log capture on: every native log line
 * (libwebrtc at debug, the signal WebSocket at trace) crosses into JavaScript as an FFI event,
 * is decoded, and is handed to every listener of the SDK (each room, each audio and video
 * stream), and nothing in the SDK reads it. For a recorder or a test client that is a steady
 * CPU cost (a third of a small client's), for nothing.
 *
 * Called before the SDK's first use (its native side starts with the first room), this starts
 * it with capture off instead: native lines then go to stderr through `RUST_LOG` (unset: errors
 * only). Returns false when the SDK had already started, so capture stays as it was.
 */
export function quietRtcNode(): boolean {
  const global = globalThis as { _ffiClientInstance?: unknown; _stagecastRtcQuiet?: boolean };
  if (global._stagecastRtcQuiet) return true;
  if (global._ffiClientInstance) return false;
  const fromHere = createRequire(import.meta.url);
  const bindings = createRequire(fromHere.resolve('@livekit/rtc-node'))(
    '@livekit/rtc-ffi-bindings',
  ) as { livekitInitialize: (callback: unknown, captureLogs: boolean, version: string) => void };
  const initialize = bindings.livekitInitialize;
  bindings.livekitInitialize = (callback, _captureLogs, version) =>
    initialize(callback, false, version);
  global._stagecastRtcQuiet = true;
  return true;
}
