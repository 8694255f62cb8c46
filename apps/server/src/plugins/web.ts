import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface WebOptions {
  /** The built web app (`apps/web/dist`). */
  root: string;
}

/**
 * Serves the built web app on the same origin as the API. Any GET outside the API and the
 * operations paths that is not a file gets `index.html`, so client-side routes like
 * `/live/<id>` load on a reload or a shared link.
 */
export const web = fp(async (app: FastifyInstance, options: WebOptions) => {
  const index = join(options.root, 'index.html');
  if (!existsSync(index)) {
    app.log.warn({ root: options.root }, 'web app not built: run `npm start` to build it');
    return;
  }
  await app.register(fastifyStatic, {
    root: options.root,
    wildcard: false,
    index: 'index.html',
    maxAge: '1h',
    setHeaders: (res, path) => {
      if (path.endsWith('index.html')) res.setHeader('cache-control', 'no-cache');
    },
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const path = request.url.split('?')[0] ?? '/';
    if (/^\/(api|auth|healthz|readyz|metrics)(\/|$)/.test(path)) return;
    if (path.includes('.')) return; // an asset: served by the static handler, or a 404
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
});
