import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';
import { buildServerConfig } from '../src/livekit/server-config.js';
import { publishSyntheticVideo, receiveVideoFrames } from './support/media.js';

const keys = { apiKey: 'APIexp', apiSecret: 'x'.repeat(40) };
const cfg = buildServerConfig({
  keys,
  port: 17880,
  rtcTcpPort: 17881,
  rtcUdpPort: 17882,
  nodeIp: '127.0.0.1',
  bindAddresses: ['127.0.0.1'],
  webhookUrl: 'http://127.0.0.1:1/x',
  logLevel: 'info',
});
writeFileSync('/tmp/lkexp/lk.yaml', JSON.stringify(cfg));
const child = spawn('/tmp/lkbin/server', ['--config', '/tmp/lkexp/lk.yaml'], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
await new Promise((r) => setTimeout(r, 1500));
const rs = new RoomServiceClient('http://127.0.0.1:17880', keys.apiKey, keys.apiSecret);
await rs.createRoom({ name: 'r1' });
const tok = async (id: string, pub: boolean) => {
  const t = new AccessToken(keys.apiKey, keys.apiSecret, { identity: id });
  t.addGrant({ roomJoin: true, room: 'r1', canPublish: pub, canSubscribe: true });
  return t.toJwt();
};
const p = await publishSyntheticVideo('ws://127.0.0.1:17880', await tok('a', true));
const t0 = Date.now();
const r = await receiveVideoFrames('ws://127.0.0.1:17880', await tok('b', false), 10);
console.log('RESULT', r, Date.now() - t0);
await p.stop();
child.kill('SIGKILL');
process.exit(0);
