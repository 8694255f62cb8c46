import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The repository root, where eslint.config.js lives.
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
// Snippets are linted as the text of real files: type-aware linting only knows files that its
// tsconfig includes.
const FEATURE_FILE = 'apps/web/src/features/room/useConnectionEvents.ts';
const LIVEKIT_FILE = 'apps/web/src/livekit/hooks/useDataTopic.ts';

// Breaks both rules: the enum import and the subscription.
const SUBSCRIBES_DIRECTLY = [
  "import { RoomEvent, type Room } from 'livekit-client';",
  'export function listen(room: Room, onData: () => void) {',
  '  room.on(RoomEvent.DataReceived, onData);',
  '}',
  '',
].join('\n');

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The messages of the two boundary rules for `code` linted as if it were `filePath`. */
async function boundaryMessages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

describe('the web boundary: room events only through apps/web/src/livekit', () => {
  it('rejects a feature that imports RoomEvent to subscribe to the room', async () => {
    const messages = await boundaryMessages(SUBSCRIBES_DIRECTLY, FEATURE_FILE);
    expect(messages).toHaveLength(2);
    expect(messages.every((m) => m.includes('apps/web/src/livekit'))).toBe(true);
  }, 60_000);

  it('rejects a feature that subscribes by the event name, without the enum', async () => {
    const code = `import type { Room } from 'livekit-client';
export function listen(ctx: { room: Room }, onGone: () => void) {
  ctx.room.once('disconnected', onGone);
}
`;
    expect(await boundaryMessages(code, FEATURE_FILE)).toHaveLength(1);
  }, 60_000);

  it('accepts a feature that reads the room through the hooks', async () => {
    const code = `import { useDataTopic } from '../../livekit/index.js';
export const useHands = (onHand: (payload: Uint8Array) => void) => useDataTopic('hand', onHand);
`;
    expect(await boundaryMessages(code, FEATURE_FILE)).toEqual([]);
  }, 60_000);

  it('lets the LiveKit layer itself subscribe', async () => {
    expect(await boundaryMessages(SUBSCRIBES_DIRECTLY, LIVEKIT_FILE)).toEqual([]);
  }, 60_000);
});
