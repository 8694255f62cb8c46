import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAppPerTest } from './support/app-on-own-database.js';
import type { RunningApp } from './support/app-process.js';
import { waitFor } from './support/processes.js';

/**
 * The production checks of `config/production.ts` in the real process, as `npm start` runs it:
 * a refused setting stops the start before the database or LiveKit, with exit code 1 and the
 * variable named; an accepted one that deserves a warning goes on with it in the log.
 */

const DOMAIN = 'live.example.test';

const startWith = useAppPerTest();

/** Waits for the exit, which a refused configuration reaches within a second or two. */
async function exitOf(running: RunningApp): Promise<number | null> {
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 20_000));
  const code = await Promise.race([running.exited, timeout]);
  if (code === 'timeout') throw new Error(`the app did not exit:\n${running.output()}`);
  return code;
}

/** The problem lines of a ConfigError as the process printed them. */
function problemLines(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('  - '))
    .map((line) => line.slice(4));
}

describe('starting with PUBLIC_URL on a host other than this machine', () => {
  it('exits with 1 naming PUBLIC_URL (https behind Caddy) and LIVEKIT_NODE_IP (how to find it), one line each', async () => {
    const running = await startWith({ PUBLIC_URL: `http://${DOMAIN}` });
    expect(await exitOf(running)).toBe(1);
    const output = running.output();
    expect(output).toContain('Invalid configuration:');
    const lines = problemLines(output);
    expect(lines.map((line) => line.split(':')[0])).toEqual(['PUBLIC_URL', 'LIVEKIT_NODE_IP']);
    const [publicUrl, nodeIp] = lines;
    expect(publicUrl).toMatch(/^PUBLIC_URL: is plain http/);
    expect(publicUrl).toContain(`PUBLIC_URL=https://${DOMAIN}`);
    expect(publicUrl).toContain('Caddy');
    expect(publicUrl).toContain('docs/deploy.md');
    expect(publicUrl).toContain('ALLOW_INSECURE_PUBLIC_URL=true');
    expect(nodeIp).toMatch(/^LIVEKIT_NODE_IP: is required/);
    expect(nodeIp).toContain('public IP address');
    // Refused before anything started: no LiveKit config was written.
    expect(existsSync(join(running.dataDir, 'livekit.yaml'))).toBe(false);
  });

  it.each([
    [
      'an http:// PUBLIC_URL with ALLOW_INSECURE_PUBLIC_URL=true',
      { PUBLIC_URL: `http://${DOMAIN}`, ALLOW_INSECURE_PUBLIC_URL: 'true' },
      'PUBLIC_URL',
      'browsers refuse the camera',
    ],
    [
      'an https PUBLIC_URL with TRUST_PROXY off',
      { PUBLIC_URL: `https://${DOMAIN}`, LIVEKIT_PUBLIC_URL: `wss://${DOMAIN}` },
      'TRUST_PROXY',
      "proxy's address",
    ],
  ])('goes on with %s, with a warning in the log', async (_what, env, variable, says) => {
    // A loopback node IP keeps the test's LiveKit off the network; the checks only need it set.
    const running = await startWith({ ...env, LIVEKIT_NODE_IP: '127.0.0.1' });
    const warningLine = () =>
      running
        .output()
        .split('\n')
        .find((line) => line.includes(`"variable":"${variable}"`));
    // The warning follows the accepted configuration at once. The rest of the start (HSTS and
    // the Secure cookie of an https PUBLIC_URL among it) is compose-stack.int.test.ts's.
    await waitFor(
      async () => {
        if (running.process.exitCode !== null) throw new Error(running.output());
        return warningLine() !== undefined;
      },
      20_000,
      `the ${variable} warning`,
      50,
    );
    expect(JSON.parse(warningLine()!)).toMatchObject({ level: 40 });
    expect(warningLine()).toContain(says);
    expect(running.output()).not.toContain('Invalid configuration');
  });
});
