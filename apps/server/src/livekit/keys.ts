import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const keyFileSchema = z.object({
  apiKey: z.string().min(3),
  apiSecret: z.string().min(32),
});
export type LivekitKeys = z.infer<typeof keyFileSchema>;

export const KEY_FILE_NAME = 'livekit-keys.json';

/**
 * The embedded LiveKit server's API key and secret: created once, kept in `DATA_DIR` readable by
 * this user only, so tokens issued before a restart stay valid after it.
 */
export function loadOrCreateKeys(dataDir: string): LivekitKeys {
  const file = join(dataDir, KEY_FILE_NAME);
  if (existsSync(file)) {
    const parsed = keyFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      throw new Error(`${file} is not a valid key file; delete it to create new keys`);
    }
    chmodSync(file, 0o600);
    return parsed.data;
  }
  mkdirSync(dataDir, { recursive: true });
  const keys: LivekitKeys = {
    apiKey: `API${randomBytes(9).toString('base64url')}`,
    apiSecret: randomBytes(32).toString('base64url'),
  };
  // 'wx' fails if another process created the file meanwhile, rather than overwrite its keys.
  writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return keys;
}
