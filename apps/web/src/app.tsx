import { useEffect, useState } from 'react';
import type { Readiness } from '@stagecast/contracts';

type Status = { state: 'loading' } | { state: 'done'; readiness: Readiness } | { state: 'error' };

/** Placeholder until the plaza and the room land: shows that the platform and its parts run. */
export function App() {
  const [status, setStatus] = useState<Status>({ state: 'loading' });

  useEffect(() => {
    let cancelled = false;
    fetch('/readyz')
      .then((res) => res.json() as Promise<Readiness>)
      .then((readiness) => !cancelled && setStatus({ state: 'done', readiness }))
      .catch(() => !cancelled && setStatus({ state: 'error' }));
    return () => {
      cancelled = true;
    };
  }, []);

  return (
    <main className="placeholder">
      <h1>Stagecast</h1>
      <p>Live sessions on your own LiveKit server. The plaza and the live room are coming next.</p>
      <section aria-label="Platform status">
        <h2>Status</h2>
        {status.state === 'loading' && <p>Checking…</p>}
        {status.state === 'error' && <p role="alert">The server did not answer.</p>}
        {status.state === 'done' && (
          <ul>
            {Object.entries(status.readiness.checks).map(([name, check]) => (
              <li key={name} data-ok={check.ok}>
                <strong>{name === 'database' ? 'Database' : 'LiveKit'}</strong>:{' '}
                {check.ok ? `ready (${check.latency_ms} ms)` : `unavailable: ${check.error ?? ''}`}
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>
        <a href="/api/docs/json">API description (OpenAPI)</a>
      </p>
    </main>
  );
}
