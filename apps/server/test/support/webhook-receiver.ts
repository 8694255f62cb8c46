import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import { webhookEventSchema } from '@stagecast/contracts';
import type { WebhookEvent } from '@stagecast/contracts';
import { Webhook } from 'standardwebhooks';
import { freePortBlock } from '../../../../scripts/free-ports.mjs';

/** One request a receiver got, as it came. */
export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  headers: IncomingHttpHeaders;
  /** When it arrived (ms since the epoch). */
  at: number;
}

/**
 * A host site's webhook endpoint on a port of its own that can go down and come back on the
 * same port: it records every request and answers what `respond` says (204 by default).
 */
export async function webhookReceiver() {
  const port = await freePortBlock(1);
  const received: ReceivedWebhook[] = [];
  let server: Server | undefined;
  let respond: (hit: ReceivedWebhook, res: ServerResponse) => void = (_hit, res) =>
    void res.writeHead(204).end();

  const receiver = {
    port,
    url: `http://127.0.0.1:${port}/hooks/stagecast?site=test`,
    received,
    /** Answers every later request this way. */
    answer(fn: typeof respond) {
      respond = fn;
    },
    async start() {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const hit: ReceivedWebhook = {
            id: String(req.headers['webhook-id']),
            timestamp: String(req.headers['webhook-timestamp']),
            signature: String(req.headers['webhook-signature']),
            body: Buffer.concat(chunks).toString('utf8'),
            headers: req.headers,
            at: Date.now(),
          };
          received.push(hit);
          respond(hit, res);
        });
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, '127.0.0.1', () => resolve());
      });
    },
    /** Down: new connections are refused. */
    async stop() {
      if (!server) return;
      const closing = new Promise<void>((resolve) => server!.close(() => resolve()));
      server.closeAllConnections();
      await closing;
      server = undefined;
    },
    /** How many requests carried each webhook-id. */
    countsById(): Map<string, number> {
      const counts = new Map<string, number>();
      for (const hit of received) counts.set(hit.id, (counts.get(hit.id) ?? 0) + 1);
      return counts;
    },
  };
  return receiver;
}
export type WebhookReceiver = Awaited<ReturnType<typeof webhookReceiver>>;

/**
 * What a host site does with a request: Standard Webhooks verification with the endpoint's
 * secret (throws on a bad signature, an old timestamp or a missing header); the parsed body.
 */
export function verifySignature(secret: string, hit: ReceivedWebhook): unknown {
  const headers = {
    'webhook-id': hit.id,
    'webhook-timestamp': hit.timestamp,
    'webhook-signature': hit.signature,
  };
  return new Webhook(secret).verify(hit.body, headers);
}

/** The verified body as the typed event a receiver would use. */
export function verifyWebhook(secret: string, hit: ReceivedWebhook): WebhookEvent {
  return webhookEventSchema.parse(verifySignature(secret, hit));
}
