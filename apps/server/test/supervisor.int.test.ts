import { describe, expect, it } from 'vitest';
import { useAppPerTest } from './support/app-on-own-database.js';
import type { RunningApp } from './support/app-process.js';
import { livekitPids, waitFor } from './support/processes.js';

describe('the embedded LiveKit supervisor', () => {
  const startApp = useAppPerTest();

  /** Starts the app on a fresh database and waits until it is ready; answers its livekit-server. */
  async function startWithLivekit(): Promise<{ running: RunningApp; child: number }> {
    const running = await startApp();
    await running.waitReady();
    const [child] = livekitPids(running.dataDir);
    expect(child).toBeDefined();
    return { running, child: child! };
  }

  it('restarts a SIGKILLed livekit-server and /readyz returns to 200', async () => {
    const { running, child: first } = await startWithLivekit();

    process.kill(first, 'SIGKILL');
    // While it is down, /readyz names LiveKit as the failing part.
    const down = await waitFor(
      async () => {
        const res = await fetch(`${running.baseUrl}/readyz`);
        return res.status === 503
          ? ((await res.json()) as { checks: { livekit: { ok: boolean } } })
          : false;
      },
      5_000,
      '/readyz to report LiveKit down',
      20,
    ).catch(() => undefined);
    if (down) expect(down.checks.livekit.ok).toBe(false);

    const second = await waitFor(
      () => livekitPids(running.dataDir).find((pid) => pid !== first),
      15_000,
      'a new livekit-server',
    );
    expect(second).not.toBe(first);
    await running.waitReady(20_000);
    expect(running.output()).toContain('livekit-server died; restarting it');
  });

  it('takes the livekit-server down with it when the app is SIGKILLed', async () => {
    const { running } = await startWithLivekit();

    const killedAt = Date.now();
    running.process.kill('SIGKILL');
    await running.exited;
    await waitFor(
      () => livekitPids(running.dataDir).length === 0,
      5_000,
      'the orphaned livekit-server to exit',
    );
    expect(Date.now() - killedAt).toBeLessThan(5_000);
  });
});
