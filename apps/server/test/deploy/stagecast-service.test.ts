import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readEnvFile, readRepoFile, repoPath } from './deploy-files.js';

/**
 * deploy/stagecast.service: what systemd needs from it, and `systemd-analyze verify` (systemd's
 * own parser) finding no unknown or malformed directive. The unit's user and folders do not exist
 * on a test machine, and verify does not require them; a missing ExecStart binary it reports,
 * and that is a finding too (/usr/bin/node is where the guide's Node.js install puts it).
 */

const UNIT = 'deploy/stagecast.service';

/** The unit as section → directive → values (a directive may repeat). */
function parseUnit(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(.+)\]$/.exec(line)?.[1];
    if (section) {
      current = new Map();
      sections.set(section, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (!current || eq < 0) throw new Error(`not a directive: ${line}`);
    const key = line.slice(0, eq).trim();
    current.set(key, [...(current.get(key) ?? []), line.slice(eq + 1).trim()]);
  }
  return sections;
}

const unit = parseUnit(readRepoFile(UNIT));
const service = unit.get('Service') ?? new Map<string, string[]>();
const one = (key: string) => service.get(key)?.at(-1);

const workDir = mkdtempSync(join(tmpdir(), 'stagecast-unit-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** systemd-analyze verify on a copy named like the real unit; its complaints, one per line. */
function verify(file: string): { status: number | null; complaints: string[] } {
  const res = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
  if (res.error) {
    throw new Error(
      `systemd-analyze is not available (${res.error.message}): install systemd (apt-get install systemd)`,
    );
  }
  return {
    status: res.status,
    complaints: `${res.stdout}${res.stderr}`.split('\n').filter((l) => l.trim() !== ''),
  };
}

describe(UNIT, () => {
  it('runs as its own user, restarts on failure and reads /etc/stagecast/stagecast.env', () => {
    expect(one('User')).toBe('stagecast');
    expect(one('Group')).toBe('stagecast');
    expect(one('Restart')).toBe('on-failure');
    expect(one('EnvironmentFile')).toBe('/etc/stagecast/stagecast.env');
    expect(unit.get('Install')?.get('WantedBy')).toEqual(['multi-user.target']);
  });

  it('runs what `npm start` runs, from the checkout, with SIGTERM for the app alone', () => {
    const pkg = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toBe('node scripts/start.mjs');
    expect(one('WorkingDirectory')).toBe('/opt/stagecast');
    expect(one('ExecStart')).toBe('/usr/bin/node scripts/start.mjs');
    expect(one('KillMode')).toBe('mixed');
  });

  it('is hardened, with only DATA_DIR of stagecast.env.example writable', () => {
    const expected: Record<string, string> = {
      NoNewPrivileges: 'true',
      ProtectSystem: 'strict',
      ProtectHome: 'true',
      PrivateTmp: 'true',
      PrivateDevices: 'true',
      ProtectKernelTunables: 'true',
      ProtectKernelModules: 'true',
      ProtectControlGroups: 'true',
      RestrictSUIDSGID: 'true',
      LockPersonality: 'true',
      CapabilityBoundingSet: '',
    };
    for (const [key, value] of Object.entries(expected)) expect(one(key), key).toBe(value);
    const writable = [
      ...(service.get('ReadWritePaths') ?? []),
      ...(service.get('StateDirectory') ?? []).map((d) => `/var/lib/${d}`),
    ];
    const dataDir = readEnvFile('deploy/stagecast.env.example').DATA_DIR!;
    expect(writable.some((dir) => dataDir === dir || dataDir.startsWith(`${dir}/`))).toBe(true);
  });

  it('passes systemd-analyze verify without an unknown or malformed directive', () => {
    const copy = join(workDir, 'stagecast.service');
    copyFileSync(repoPath(UNIT), copy);
    const { complaints } = verify(copy);
    // A machine without /usr/bin/node would add "is not executable"; nothing else may appear.
    expect(
      complaints.filter((line) => !/Command \/usr\/bin\/node is not executable/.test(line)),
    ).toEqual([]);
  });

  it('would catch a misspelled directive or a bad value: verify reports both', () => {
    const broken = join(workDir, 'broken.service');
    writeFileSync(
      broken,
      readRepoFile(UNIT)
        .replace('NoNewPrivileges=true', 'NoNewPrivilege=true')
        .replace('ProtectSystem=strict', 'ProtectSystem=strictly'),
    );
    const { complaints } = verify(broken);
    expect(complaints.join('\n')).toMatch(/Unknown key 'NoNewPrivilege'/);
    expect(complaints.join('\n')).toMatch(/strictly/);
  });
});
