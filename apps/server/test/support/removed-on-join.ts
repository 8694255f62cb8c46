import type { Room } from '@livekit/rtc-node';
import { logLines } from './cluster.js';
import { connectClient } from './media.js';
import { waitFor } from './processes.js';

const REMOVED = 'removed a banned, disabled, late or revoked (OBS) participant on join';

/** The times (ms since the epoch) at which the app logged removing `identity` on its join. */
function removals(logs: string, identity: string): number[] {
  return logLines(logs)
    .filter((line) => line.msg === REMOVED && line.identity === identity)
    .map((line) => line.time);
}

/**
 * Connects with a token LiveKit still accepts but the app must refuse (a banned identity's old
 * one) and resolves once the app has removed it: the app's log records the removal and the client
 * is no longer connected. Returns how long after the attempt began the app removed it.
 *
 * The app removes the identity when LiveKit reports its join. Under load that can come before the
 * client's peer connection is up; rtc-node's connect then fails (`wait_pc_connection timed out`)
 * instead of resolving. That failure is the same removal seen from the client, so it counts, but
 * only together with the app's own record of the removal.
 */
export async function connectUntilRemoved(options: {
  livekitUrl: string;
  token: string;
  identity: string;
  /** The app's log so far (JSON lines; every instance's, for a cluster). */
  logs: () => string;
  timeoutMs?: number;
}): Promise<{ removedAfterMs: number }> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const before = removals(options.logs(), options.identity).length;
  const started = Date.now();
  let room: Room | undefined;
  try {
    room = await connectClient(options.livekitUrl, options.token);
  } catch {
    room = undefined;
  }
  try {
    const removedAt = await waitFor(
      () => removals(options.logs(), options.identity)[before],
      // Counted from the end of the connect attempt, which under load can outlast the removal.
      timeoutMs + Math.max(0, Date.now() - started),
      `the app to log removing ${options.identity} on its join`,
    );
    if (room) await waitFor(() => !room.isConnected, timeoutMs, 'the removed client to be gone');
    return { removedAfterMs: removedAt - started };
  } finally {
    await room?.disconnect().catch(() => undefined);
  }
}
