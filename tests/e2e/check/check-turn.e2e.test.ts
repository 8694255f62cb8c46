import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../../../apps/server/test/support/app-process.js';
import type { RunningApp } from '../../../apps/server/test/support/app-process.js';
import { onOwnDatabase, preferredBackend } from '../../../apps/server/test/support/database.js';
import { SCREENSHOTS } from '../support/app.js';
import { newContext } from '../support/browser.js';
import {
  checkLineStates,
  formatLineTimes,
  lineTimes,
  recordLineTimes,
} from '../support/check-page.js';
import type { LineTiming } from '../support/check-page.js';
import { createTurnLab, freeTurnPorts } from '../support/turn-lab.js';
import type { TurnLab } from '../support/turn-lab.js';

/** The whole app, as the client in the lab's network sees it: on its own loopback. */
interface CheckApp {
  app: RunningApp;
  /** Stops the app and drops its database. */
  stop: () => Promise<void>;
  /** `/check` as the client opens it. */
  pageUrl: string;
  rtcTcpPort: number;
  rtcUdpPort: number;
}

/**
 * The app with its embedded LiveKit advertising the lab's host address for media (and TURN when
 * `turn` is given), listening there too. The client reaches the web app and LiveKit's signal
 * port through forwards on its own loopback, as a browser reaches a real deployment through its
 * proxy: `http://127.0.0.1` is a secure context (the camera is allowed) and the signal line is
 * not an unencrypted remote WebSocket. Media goes straight to the host address, or through TURN.
 */
async function startCheckApp(lab: TurnLab, turn: Record<string, string>): Promise<CheckApp> {
  const host = lab.net.hostAddress;
  const { started: app, stop } = await onOwnDatabase(preferredBackend(), (db) =>
    startApp({
      dataDir: db.dataDir,
      databaseUrl: db.databaseUrl,
      host,
      env: ({ livekitPort }) => ({
        LOG_LEVEL: 'warn',
        RATE_LIMIT_MULTIPLIER: '50',
        LIVEKIT_NODE_IP: host,
        LIVEKIT_PUBLIC_URL: `ws://127.0.0.1:${livekitPort}`,
        ...turn,
      }),
    }),
  );
  await app.waitReady();
  for (const port of [app.port, app.livekitPort]) {
    await lab.net.forwardTcp({ host: '127.0.0.1', port }, { host, port });
  }
  return {
    app,
    stop,
    pageUrl: `http://127.0.0.1:${app.port}/check`,
    rtcTcpPort: app.livekitPort + 1,
    rtcUdpPort: app.livekitPort + 2,
  };
}

/**
 * The lines' states of a check that went through on the open network (TURN over UDP and TLS
 * offered and working; LiveKit v1.13.5 hands out `turn:…?transport=udp` and `turns:…` only: no
 * plain TCP), but for the lines `changed`.
 */
const statesBut = (changed: Record<string, string>) => ({
  signal: 'ok',
  media: 'ok',
  turn_udp: 'ok',
  turn_tcp: 'not_offered',
  turn_tls: 'ok',
  microphone: 'ok',
  codecs: 'ok',
  ...changed,
});

/** The page's outcome once every network line has its answer. */
interface CheckOutcome {
  page: Page;
  states: Record<string, string | null>;
  text: (id: string) => Promise<string | null>;
  verdict: { kind: string | null; tone: string | null; text: string | null };
  path: string | null;
  times: Record<string, LineTiming>;
}

describe('the connection check from a client on a network of its own, with and without TURN', () => {
  let lab: TurnLab;
  let turnOn: CheckApp;
  let turnOff: CheckApp;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const started = Date.now();
    lab = createTurnLab();
    const turnPorts = await freeTurnPorts();
    [turnOn, turnOff, browser] = await Promise.all([
      startCheckApp(lab, lab.turnSettings(turnPorts)),
      startCheckApp(lab, {}),
      lab.launchChromium(),
    ]);
    await lab.routeTurnTls(turnPorts.tls);
    console.log(`set-up (two apps, Chromium, forwards): ${Date.now() - started} ms`);
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([turnOn?.stop(), turnOff?.stop()]);
    await lab?.dispose();
  });

  /** Opens `/check` of `target` and waits for the verdict and the microphone. */
  async function runCheck(target: CheckApp, label: string): Promise<CheckOutcome> {
    const context = await newContext(browser);
    await recordLineTimes(context);
    const page = await context.newPage();
    await page.goto(target.pageUrl);
    await page.getByRole('heading', { name: 'Connection check' }).waitFor();
    await page
      .locator('[data-testid="check-verdict"]:not([data-tone="running"])')
      .waitFor({ timeout: 40_000 });
    await page
      .locator('[data-testid="check-line-microphone"]:is([data-state="ok"],[data-state="failed"])')
      .waitFor();
    const verdict = page.getByTestId('check-verdict');
    // The verdict's sentence, without its mark (✓, !, ✕).
    const verdictText = verdict.locator('span:not(.check-mark)');
    const path = page.getByTestId('check-line-media-path');
    const times = await lineTimes(page);
    console.log(`/check ${label}: ${formatLineTimes(times)}`);
    return {
      page,
      states: await checkLineStates(page),
      text: (id) => page.getByTestId(`check-line-${id}-text`).textContent(),
      verdict: {
        kind: await verdict.getAttribute('data-verdict'),
        tone: await verdict.getAttribute('data-tone'),
        text: await verdictText.textContent(),
      },
      path: (await path.count()) > 0 ? await path.getAttribute('data-path') : null,
      times,
    };
  }

  it('is all green with TURN over UDP and TLS on, the media going directly (TURN over TCP: not offered)', async () => {
    lab.net.block([]);
    const check = await runCheck(turnOn, 'open network, TURN on');
    expect(check.states).toEqual(statesBut({}));
    expect(await check.text('signal')).toBe(
      `Reached the media server (LiveKit 1.13.5) at 127.0.0.1:${turnOn.app.livekitPort}.`,
    );
    expect(check.path).toBe('udp');
    for (const transport of ['udp', 'tls']) {
      expect(await check.text(`turn_${transport}`)).toMatch(
        /^The relay works: your video came back through it \(connected in \d+ ms\)\.$/,
      );
    }
    expect(await check.text('turn_tcp')).toBe('Not offered by this server.');
    expect(check.verdict).toEqual({ kind: 'all_good', tone: 'ok', text: 'Everything works.' });
    await check.page.screenshot({ path: join(SCREENSHOTS, 'check-turn.png'), fullPage: true });
    await check.page.context().close();
  });

  describe('on a network that lets the web and the signal through but blocks UDP and LiveKit’s TCP port', () => {
    let withoutTurn: CheckOutcome;
    let withTurn: CheckOutcome;
    let dropped: number;

    beforeAll(async () => {
      // One firewall for both servers, so both checks run at once. A hotel or company network:
      // no UDP at all, TCP to the web's and LiveKit's signal ports and 443 only.
      lab.net.block([
        { protocol: 'udp' },
        { protocol: 'tcp', ports: [turnOff.rtcTcpPort, turnOn.rtcTcpPort] },
      ]);
      [withoutTurn, withTurn] = await Promise.all([
        runCheck(turnOff, 'UDP and RTC TCP blocked, TURN off'),
        runCheck(turnOn, 'UDP and RTC TCP blocked, TURN on'),
      ]);
      dropped = lab.net.droppedPackets();
    });

    afterAll(async () => {
      lab.net.block([]);
      await Promise.all([withoutTurn?.page.context().close(), withTurn?.page.context().close()]);
    });

    it('fails with TURN off, and says which line failed, why, and what to ask for', async () => {
      expect(withoutTurn.states).toEqual(
        statesBut({ media: 'failed', turn_udp: 'not_offered', turn_tls: 'not_offered' }),
      );
      // LiveKit answered the join (the signal works), then no media path opened in time.
      expect(await withoutTurn.text('media')).toBe(
        'No media connection within 10 s: the signal got through, but this network lets no media through to the server, and the server offers no TURN relay.',
      );
      for (const transport of ['udp', 'tcp', 'tls']) {
        expect(await withoutTurn.text(`turn_${transport}`)).toBe('Not offered by this server.');
      }
      // It waited for the peer connection's whole timeout before saying so.
      const media = withoutTurn.times.media!;
      expect(media.settled! - media.running!).toBeGreaterThanOrEqual(9_900);
      expect(withoutTurn.verdict).toEqual({
        kind: 'media_blocked_ports',
        tone: 'failed',
        text: `Cannot reach the media server: ask your administrator to open UDP port ${turnOff.rtcUdpPort} and TCP port ${turnOff.rtcTcpPort}, or to turn on TURN over TLS.`,
      });
      // The firewall was in the way, not a server that did not answer.
      expect(dropped).toBeGreaterThan(0);
      await withoutTurn.page.screenshot({
        path: join(SCREENSHOTS, 'check-blocked-no-turn.png'),
        fullPage: true,
      });
    });

    it('sends the media through TURN over TLS with TURN on, and says calls will use it', async () => {
      expect(withTurn.states).toEqual(statesBut({ turn_udp: 'failed' }));
      expect(withTurn.path).toBe('turn_tls');
      expect(await withTurn.page.getByTestId('check-line-media-path').textContent()).toBe(
        'Media flows through TURN over TLS.',
      );
      expect(await withTurn.text('turn_udp')).toMatch(
        /^The TURN server did not answer over this transport \(.+\)\.$/,
      );
      expect(await withTurn.text('turn_tls')).toMatch(/^The relay works: your video came back/);
      expect(withTurn.verdict).toEqual({
        kind: 'udp_blocked_turn',
        tone: 'warning',
        text: 'Your network blocks UDP: calls will use TURN over TLS.',
      });
    });
  });
});
