// Helpers the benchmarks share (join.mjs, recorder.mjs, first-frame.ts; types in support.d.mts).
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { setTimeout } from 'node:timers';

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** JSON as the repository's Prettier writes it, so `npm run lint` stays clean. */
export async function formatJson(file, value) {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  try {
    const { default: prettier } = await import('prettier');
    const options = (await prettier.resolveConfig(file)) ?? {};
    return await prettier.format(text, { ...options, filepath: file });
  } catch {
    return text;
  }
}

function tcpFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () =>
      server.close(() => resolve(true)),
    );
  });
}

function udpFree(port) {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

/** Ports this process handed out already. */
const handedOut = new Set();

/**
 * `count` consecutive ports free for TCP and UDP (LiveKit takes signal, RTC TCP and RTC UDP),
 * below Linux's ephemeral range. The same rule as apps/server/test/support/ports.ts.
 */
export async function freePortBlock(count) {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const start = 20_000 + Math.floor(Math.random() * 12_000);
    const ports = Array.from({ length: count }, (_, i) => start + i);
    if (ports.some((p) => handedOut.has(p))) continue;
    const free = await Promise.all(
      ports.map(async (p) => (await tcpFree(p)) && (await udpFree(p))),
    );
    if (free.every(Boolean)) {
      ports.forEach((p) => handedOut.add(p));
      return start;
    }
  }
  throw new Error(`no block of ${count} free ports found`);
}
