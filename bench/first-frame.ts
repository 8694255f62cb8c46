// First-frame benchmark (issue 5): the time from a viewer's click on Join in our room page to
// the first decoded frame of the host's video, against a bare livekit-client page joining the
// same room with a token, measured in the same run (median of RUNS each, alternating).
//
//   node --import tsx bench/first-frame.ts
//
// The host is a real @livekit/rtc-node client publishing a synthetic video; the viewers are
// Debian's Chromium pages. Writes bench/results/first-frame-<time>.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp } from '../apps/server/test/support/app-process.js';
import { createTestDatabase } from '../apps/server/test/support/database.js';
import { publishSyntheticVideo } from '../apps/server/test/support/media.js';
import { launchBrowser, newContext } from '../tests/e2e/support/browser.js';
import {
  FIRST_FRAME_PROBE,
  measureOurs,
  median,
  phasesSince,
  PLI_QUIET_MS,
  waitFirstFrame,
} from './first-frame-probe.js';
import { SelfTimeTally, startProfiling } from './cpu-profile.js';
import { formatJson, sleep } from './support.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const AB = process.env.BENCH_AB;
const oursB: number[] = [];
const phasesB = new Map<string, number[]>();
// BENCH_PROFILE=1 samples both pages' main thread from the click (or start) to the first frame.
const PROFILE = process.env.BENCH_PROFILE === '1';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'apps/web/package.json'));
const LIVEKIT_UMD = readFileSync(
  // The package exports no path to its UMD build; it sits beside the main entry in dist/.
  join(dirname(require.resolve('livekit-client')), 'livekit-client.umd.js'),
  'utf8',
);

const BARE_PAGE = `<!doctype html><html><body><div id="stage"></div>
<script src="/livekit-client.umd.js"></script>
<script>
  window.start = async (url, token) => {
    window.__startedAt = performance.now();
    const room = new LivekitClient.Room({ adaptiveStream: true });
    room.on(LivekitClient.RoomEvent.TrackSubscribed, (track) => {
      if (track.kind === 'video') document.getElementById('stage').appendChild(track.attach());
    });
    await room.connect(url, token);
  };
</script></body></html>`;

/**
 * Serves the bare page from a real loopback server: Chromium's local-network checks refuse a
 * page that did not come from a local address (an intercepted response) reaching LiveKit.
 */
async function serveBarePage(): Promise<{ url: string; close(): void }> {
  const server = createServer((req, res) => {
    if (req.url === '/livekit-client.umd.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(LIVEKIT_UMD);
    } else {
      res.writeHead(200, { 'content-type': 'text/html' }).end(BARE_PAGE);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

async function main() {
  const db = await createTestDatabase('pglite');
  const app = await startApp({
    dataDir: db.dataDir,
    env: { LOG_LEVEL: 'warn', RATE_LIMIT_MULTIPLIER: '1000' },
  });
  const browser = await launchBrowser();
  const barePage = await serveBarePage();
  let publisher: Awaited<ReturnType<typeof publishSyntheticVideo>> | undefined;
  try {
    await app.waitReady();
    const api = async (path: string, body: unknown, token?: string) => {
      const res = await fetch(`${app.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
      return (await res.json()) as Record<string, string>;
    };
    const mentor = await api('/api/v1/auth/register', {
      email: 'bench@example.com',
      username: 'bench',
      password: 'a long password',
    });
    const session = await api(
      '/api/v1/live/sessions',
      { title: 'First frame', start_now: true },
      mentor.token,
    );
    // 30 frames a second, as a camera: a new subscriber waits at most 33 ms for the next one.
    publisher = await publishSyntheticVideo(app.livekitUrl, session.host_token!, 30);

    const ours: number[] = [];
    const bare: number[] = [];
    // Where the time goes: before the signal connection opens (our API join and rendering; the
    // bare page only creates its Room) and after it (LiveKit's own join, media, first frame).
    const oursBeforeSignal: number[] = [];
    const bareBeforeSignal: number[] = [];
    const oursJoinAnswered: number[] = [];
    const phases = { ours: new Map<string, number[]>(), bare: new Map<string, number[]>() };
    const keepPhases = (into: Map<string, number[]>, times: Record<string, number>) => {
      for (const [name, ms] of Object.entries(times))
        into.set(name, [...(into.get(name) ?? []), ms]);
    };
    const tally = { ours: new SelfTimeTally(), bare: new SelfTimeTally() };
    for (let run = 0; run < RUNS; run += 1) {
      // Ours: a guest already signed in clicks Join on the session page.
      {
        const guest = await api('/api/v1/auth/guest', { display_name: `Viewer ${run}` });
        const t = await measureOurs(browser, {
          origin: app.baseUrl,
          sessionId: session.session_id!,
          token: guest.token!,
          profile: PROFILE ? tally.ours : undefined,
        });
        keepPhases(phases.ours, t.phases);
        ours.push(t.firstFrame);
        oursBeforeSignal.push(t.signal);
        oursJoinAnswered.push(t.joinAnswered);
      }
      if (AB) {
        const guest = await api('/api/v1/auth/guest', { display_name: `ViewerB ${run}` });
        const t = await measureOurs(browser, {
          origin: app.baseUrl,
          sessionId: session.session_id!,
          token: guest.token!,
          exp: AB,
        });
        keepPhases(phasesB, t.phases);
        oursB.push(t.firstFrame);
      }
      // Bare: livekit-client alone, with a token from the same API.
      await sleep(PLI_QUIET_MS);
      {
        const context = await newContext(browser);
        await context.addInitScript(FIRST_FRAME_PROBE);
        const guest = await api('/api/v1/auth/guest', { display_name: `Bare ${run}` });
        const joined = await api(
          `/api/v1/live/sessions/${session.session_id}/join`,
          {},
          guest.token,
        );
        const page = await context.newPage();
        if (process.env.BENCH_DEBUG) page.on('console', (m) => console.error('[bare]', m.text()));
        await page.goto(barePage.url);
        const stopProfiling = PROFILE ? await startProfiling(page) : undefined;
        const startedAt = await page.evaluate(
          async ([url, token]) => {
            const w = window as unknown as {
              start: (u: string, t: string) => Promise<void>;
              __startedAt: number;
            };
            void w.start(url!, token!);
            await Promise.resolve();
            return w.__startedAt;
          },
          [joined.server_url, joined.access_token],
        );
        const t = await waitFirstFrame(page);
        if (stopProfiling) tally.bare.add(await stopProfiling());
        keepPhases(phases.bare, phasesSince(t.phases, startedAt));
        bare.push(t.frameAt - startedAt);
        bareBeforeSignal.push(t.signalAt - startedAt);
        await context.close();
      }
      process.stderr.write(
        `[bench] run ${run + 1}/${RUNS}: ours ${Math.round(ours.at(-1)!)} ms (API join at ${Math.round(oursJoinAnswered.at(-1)!)}, signal at ${Math.round(oursBeforeSignal.at(-1)!)}), ${AB ? `B ${Math.round(oursB.at(-1)!)} ms, ` : ''}bare ${Math.round(bare.at(-1)!)} ms (signal at ${Math.round(bareBeforeSignal.at(-1)!)})\n`,
      );
    }
    const result = {
      benchmark: 'first-frame',
      date: new Date().toISOString(),
      runs: RUNS,
      oursMs: ours.map(Math.round),
      bareMs: bare.map(Math.round),
      medianOursMs: Math.round(median(ours)),
      medianBareMs: Math.round(median(bare)),
      ratio: Number((median(ours) / median(bare)).toFixed(3)),
      medianBeforeSignalMs: {
        ours: Math.round(median(oursBeforeSignal)),
        oursApiJoinAnswered: Math.round(median(oursJoinAnswered)),
        bare: Math.round(median(bareBeforeSignal)),
      },
      // Median time of each step of LiveKit's handshake after the click (ours) or the start
      // (bare): signal opened, peer connection made, server's offer, ICE connected, track.
      medianPhasesMs: Object.fromEntries(
        (['ours', 'bare'] as const).map((page) => [
          page,
          Object.fromEntries(
            [...phases[page]].map(([name, values]) => [name, Math.round(median(values))]),
          ),
        ]),
      ),
      goal: 'ours ≤ 1.10 × bare',
      ab: AB
        ? {
            medianA: Math.round(median(ours)),
            medianB: Math.round(median(oursB)),
            ratioB: Number((median(oursB) / median(bare)).toFixed(3)),
            pairedDiffMedian: Math.round(median(oursB.map((b, i) => b - ours[i]!)) * 10) / 10,
            phasesB: Object.fromEntries([...phasesB].map(([n, v]) => [n, Math.round(median(v))])),
          }
        : undefined,
    };
    if (PROFILE) {
      for (const page of ['ours', 'bare'] as const) {
        console.log(
          `${page} page's main thread, self time:\n${tally[page].top(15, RUNS).join('\n')}`,
        );
      }
    }
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    const file = join(
      ROOT,
      'bench/results',
      `first-frame-${result.date.replace(/[:.]/g, '-')}.json`,
    );
    writeFileSync(file, await formatJson(file, result));
    console.log(
      `first frame after Join (median of ${RUNS}): ours ${result.medianOursMs} ms, bare livekit-client ${result.medianBareMs} ms, ratio ${result.ratio} (goal ≤ 1.10)`,
    );
    console.log(`results: ${file}`);
  } finally {
    await publisher?.stop().catch(() => undefined);
    await browser.close();
    barePage.close();
    await app.stop();
    await db.drop();
  }
}

await main();
process.exit(0);
