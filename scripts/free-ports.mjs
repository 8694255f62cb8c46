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

// The ports handed out start here and stay below Linux's ephemeral ports (32768+), which
// outgoing connections take at will. Slice 0 is for a process outside vitest's workers (a bench,
// vitest's own process); slices 1 to 3 are for the workers.
const LOWEST = 20_000;
const SPAN = 12_000;
const SLICES = 4;

/**
 * The ports `[from, from + size)` a process draws from. Vitest numbers its worker processes 1 to
 * maxWorkers (`VITEST_POOL_ID`), and each takes a slice of its own: a port is found free seconds
 * before it is bound (the test app listens after its database and LiveKit are up), and two files
 * running at once, each with its own list of ports handed out, once picked the same one in that
 * window (EADDRINUSE). Up to three workers (the tests run two), slices never overlap.
 */
export function portSlice(poolId) {
  const size = Math.floor(SPAN / SLICES);
  const id = Number(poolId);
  const slice = Number.isInteger(id) && id >= 1 ? 1 + ((id - 1) % (SLICES - 1)) : 0;
  return { from: LOWEST + slice * size, size };
}

/**
 * `count` consecutive ports free for TCP and UDP (LiveKit takes signal, RTC TCP, RTC UDP and its
 * Prometheus listener), never handed out before in this process, from this process's slice
 * (`portSlice`). Random starting points within it keep this process's blocks apart.
 */
export async function freePortBlock(count) {
  const { from, size } = portSlice(process.env.VITEST_POOL_ID);
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const start = from + Math.floor(Math.random() * (size - count));
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
  throw new Error(`no block of ${count} free ports found in ${from}-${from + size - 1}`);
}
