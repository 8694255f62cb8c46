import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import type { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The LiveKit boundary in `eslint.config.js`, tried on code that breaks it. The snippets are
 * linted with the config's own boundary blocks (imported, so a change to them shows here) and
 * TypeScript's parser without type information, which keeps this fast; a second check makes
 * sure the full config applies exactly those rule options to the same paths.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const MODULE = 'apps/server/src/modules/example/bad.ts';
const PLUGIN = 'apps/server/src/plugins/bad.ts';
const SERVER = 'apps/server/src/bad.ts';
const LIVEKIT = 'apps/server/src/livekit/fine.ts';

let boundaries: Linter.Config[];
let eslint: ESLint;

beforeAll(async () => {
  const config = (await import(pathToFileURL(join(root, 'eslint.config.js')).href)) as {
    serverBoundaries: Linter.Config[];
  };
  boundaries = config.serverBoundaries;
  eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
      ...boundaries,
    ],
  });
});

/** The boundary messages lint gives `code` at `filePath`. */
async function violations(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal).toEqual([]);
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the LiveKit lint boundary', () => {
  it.each([
    ['a value import of the server SDK', "import { RoomServiceClient } from 'livekit-server-sdk';"],
    ['a type import of the server SDK', "import type { WebhookEvent } from 'livekit-server-sdk';"],
    ['an inline type import', "import { type EgressInfo } from 'livekit-server-sdk';"],
    ['a re-export of SDK types', "export type { WebhookEvent } from 'livekit-server-sdk';"],
    ['an import of rtc-node', "import { Room } from '@livekit/rtc-node';"],
    ['a type import of rtc-node', "import type { Room } from '@livekit/rtc-node';"],
    ['an import of the protocol types', "import type { EgressInfo } from '@livekit/protocol';"],
    ['a deep SDK path', "import { x } from 'livekit-server-sdk/dist/index.js';"],
  ])('rejects %s in a module, a plugin and the rest of the server', async (_what, code) => {
    for (const filePath of [MODULE, PLUGIN, SERVER]) {
      expect({ filePath, found: await violations(code, filePath) }).toEqual({
        filePath,
        found: [expect.stringContaining('livekit/index.js')],
      });
    }
  });

  it.each([
    ['rooms.ts', "import { roomControl } from '../../livekit/rooms.js';", MODULE],
    [
      'a type from egress.ts',
      "import type { EgressState } from '../../livekit/egress.js';",
      MODULE,
    ],
    ['the recorder', "import { findFfmpeg } from '../../livekit/recorder/ffmpeg.js';", MODULE],
    [
      'runtime.ts from a plugin',
      "import type { LivekitRuntime } from '../livekit/runtime.js';",
      PLUGIN,
    ],
  ])('rejects a deep import of %s', async (_what, code, filePath) => {
    expect(await violations(code, filePath)).toEqual([
      expect.stringContaining('through its facade'),
    ]);
  });

  it('lets modules and plugins import the facade', async () => {
    const code = "import { createJoinToken } from '../../livekit/index.js';";
    expect(await violations(code, MODULE)).toEqual([]);
    expect(
      await violations("import type { LivekitRuntime } from '../livekit/index.js';", PLUGIN),
    ).toEqual([]);
  });

  it('lets livekit/ itself use the SDKs', async () => {
    const code = [
      "import { RoomServiceClient } from 'livekit-server-sdk';",
      "import type { Room } from '@livekit/rtc-node';",
      "import { egressControl } from './egress.js';",
    ].join('\n');
    expect(await violations(code, LIVEKIT)).toEqual([]);
  });

  it('is what the full config applies to those paths', async () => {
    const full = new ESLint({ cwd: root });
    const ruleOf = (block: Linter.Config) =>
      (block.rules!['no-restricted-imports'] as Linter.RuleEntry<unknown[]> & unknown[])[1];
    const applied = async (filePath: string) => {
      const config = (await full.calculateConfigForFile(filePath)) as Linter.Config;
      return (config.rules?.['no-restricted-imports'] as unknown[] | undefined)?.[1];
    };
    expect(await applied(MODULE)).toEqual(ruleOf(boundaries[1]!));
    expect(await applied(PLUGIN)).toEqual(ruleOf(boundaries[1]!));
    expect(await applied(SERVER)).toEqual(ruleOf(boundaries[0]!));
    expect(await applied(LIVEKIT)).toBeUndefined();
  });
});
