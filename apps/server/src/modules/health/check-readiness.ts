import type { Readiness } from '@stagecast/contracts';

export interface ReadinessProbes {
  database: () => Promise<void>;
  livekit: () => Promise<void>;
}

/** Runs one dependency check: ok with its latency, or the error it met (a timeout too). */
export async function probe(run: () => Promise<void>, timeoutMs: number) {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      run(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, latency_ms: Math.round(performance.now() - started) };
  } catch (err) {
    return {
      ok: false,
      latency_ms: Math.round(performance.now() - started),
      error: (err as Error).message || 'failed',
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every dependency check at once; ready only when all of them answer. */
export async function checkReadiness(
  probes: ReadinessProbes,
  timeoutMs = 2_000,
): Promise<Readiness> {
  const [database, livekit] = await Promise.all([
    probe(probes.database, timeoutMs),
    probe(probes.livekit, timeoutMs),
  ]);
  return {
    status: database.ok && livekit.ok ? 'ready' : 'unavailable',
    checks: { database, livekit },
  };
}
