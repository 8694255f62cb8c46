import { createServer } from 'node:http';
import { freePortBlock } from '../../../../scripts/free-ports.mjs';

/**
 * Where LiveKit posts its webhooks in a test of several app instances: every webhook is posted
 * as it came (body and signature) to each target at once, the worst case of a load balancer and
 * LiveKit's retries, so the instances must apply each event once between them. Answers 200 when
 * any target did.
 */
export async function startWebhookFanout(targets: () => string[]) {
  const port = await freePortBlock(1);
  let delivered = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'content-type']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      void Promise.all(
        targets().map((url) =>
          fetch(url, { method: 'POST', headers, body })
            .then((r) => r.status)
            .catch(() => 0),
        ),
      ).then((statuses) => {
        delivered += 1;
        res.writeHead(statuses.some((s) => s >= 200 && s < 300) ? 200 : 502).end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/api/livekit/webhook`,
    /** Webhooks posted to every target so far. */
    get delivered() {
      return delivered;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
