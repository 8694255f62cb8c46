// Free port blocks for the apps that the tests and the benches start. Plain Node.js, shared by
// apps/server/test/support/ and bench/support.mjs (types in free-ports.d.mts).
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

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
 * `count` consecutive ports free for TCP and UDP (LiveKit takes signal, RTC TCP, RTC UDP and its
 * Prometheus listener), never handed out before in this process. Random starting points keep parallel test files
 * (separate processes) from colliding, and the range stays below Linux's ephemeral ports
 * (32768+), which outgoing connections take at will.
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
