import { describe, expect, it } from 'vitest';
import { CONFIG_AREAS, parseConfig, productionWarnings } from '../../src/config.js';
import { namesInEnvFile, readEnvFile } from './deploy-files.js';

/** deploy/stagecast.env.example: what /etc/stagecast/stagecast.env starts from. */

const FILE = 'deploy/stagecast.env.example';
const configVariables = CONFIG_AREAS.flatMap((area) => area.variables);

describe(FILE, () => {
  it('names only variables the config knows, each once', () => {
    const names = namesInEnvFile(FILE);
    expect(names.filter((name) => !configVariables.includes(name))).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('names every variable of the config, set or commented out, so a self-hoster sees them all', () => {
    const names = new Set(namesInEnvFile(FILE));
    expect(configVariables.filter((name) => !names.has(name))).toEqual([]);
  });

  it('passes the production checks as written, without a warning: https, LiveKit reachable, proxy trusted', () => {
    const config = parseConfig(readEnvFile(FILE), '/opt/stagecast');
    expect(productionWarnings(config)).toEqual([]);
    expect(config.env).toBe('production');
    expect(config.publicUrl).toMatch(/^https:\/\//);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dataDir).toBe('/var/lib/stagecast/data');
    expect(config.livekit).toMatchObject({ mode: 'embedded', port: 7880 });
    expect(config.livekit.publicUrl).toBe(config.publicUrl.replace(/^https:/, 'wss:'));
  });
});
