import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import type { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The web boundary in `eslint.config.js` (room events only through apps/web/src/livekit), tried
 * on code that breaks it. As in the server's boundary test, the snippets are linted with the
 * config's own block (imported, so a change to it shows here) and TypeScript's parser without
 * type information (building the web app's typed program took 14 s of the unit run); a last
 * check makes sure the full config applies exactly that block's rules to the same paths.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const FEATURE_FILE = 'apps/web/src/features/room/useConnectionEvents.ts';
const FEATURE_COMPONENT = 'apps/web/src/features/room/RoomView.tsx';
const LIVEKIT_FILE = 'apps/web/src/livekit/hooks/useDataTopic.ts';
const FEATURE_TEST = 'apps/web/src/features/room/LiveRoom.test.ts';

// Breaks both rules: the enum import and the subscription.
const SUBSCRIBES_DIRECTLY = [
  "import { RoomEvent, type Room } from 'livekit-client';",
  'export function listen(room: Room, onData: () => void) {',
  '  room.on(RoomEvent.DataReceived, onData);',
  '}',
  '',
].join('\n');

let boundary: Linter.Config;
let eslint: ESLint;

beforeAll(async () => {
  const config = (await import(pathToFileURL(join(root, 'eslint.config.js')).href)) as {
    webBoundary: Linter.Config;
  };
  boundary = config.webBoundary;
  eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts', '**/*.tsx'],
        languageOptions: {
          parser: tseslint.parser,
          parserOptions: { ecmaFeatures: { jsx: true } },
        },
      },
      boundary,
    ],
  });
});

/** The messages of the two boundary rules for `code` linted as if it were `filePath`. */
async function boundaryMessages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
  return result!.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

describe('the web boundary: room events only through apps/web/src/livekit', () => {
  it('rejects a feature that imports RoomEvent to subscribe to the room', async () => {
    for (const filePath of [FEATURE_FILE, FEATURE_COMPONENT]) {
      const messages = await boundaryMessages(SUBSCRIBES_DIRECTLY, filePath);
      expect(messages).toHaveLength(2);
      expect(messages.every((m) => m.includes('apps/web/src/livekit'))).toBe(true);
    }
  });

  it('rejects a feature that subscribes by the event name, without the enum', async () => {
    const code = `import type { Room } from 'livekit-client';
export function listen(ctx: { room: Room }, onGone: () => void) {
  ctx.room.once('disconnected', onGone);
}
`;
    expect(await boundaryMessages(code, FEATURE_FILE)).toHaveLength(1);
  });

  it('accepts a feature that reads the room through the hooks', async () => {
    const code = `import { useDataTopic } from '../../livekit/index.js';
export const useHands = (onHand: (payload: Uint8Array) => void) => useDataTopic('hand', onHand);
`;
    expect(await boundaryMessages(code, FEATURE_FILE)).toEqual([]);
  });

  it('lets the LiveKit layer itself, and tests with their fakes, subscribe', async () => {
    expect(await boundaryMessages(SUBSCRIBES_DIRECTLY, LIVEKIT_FILE)).toEqual([]);
    expect(await boundaryMessages(SUBSCRIBES_DIRECTLY, FEATURE_TEST)).toEqual([]);
  });

  it('is what the full config applies to those paths', async () => {
    const full = new ESLint({ cwd: root });
    const applied = async (filePath: string) => {
      const config = (await full.calculateConfigForFile(filePath)) as Linter.Config;
      return {
        imports: config.rules?.['no-restricted-imports'],
        syntax: config.rules?.['no-restricted-syntax'],
      };
    };
    // The full config stores each rule normalized ([2, ...options]); compare the options.
    const options = (entry: unknown) => (Array.isArray(entry) ? entry.slice(1) : undefined);
    for (const filePath of [FEATURE_FILE, FEATURE_COMPONENT]) {
      const rules = await applied(filePath);
      expect(options(rules.imports)).toEqual(options(boundary.rules!['no-restricted-imports']));
      expect(options(rules.syntax)).toEqual(options(boundary.rules!['no-restricted-syntax']));
    }
    for (const filePath of [LIVEKIT_FILE, FEATURE_TEST]) {
      const rules = await applied(filePath);
      expect(rules.syntax).toBeUndefined();
      expect(rules.imports).toBeUndefined();
    }
  });
});
