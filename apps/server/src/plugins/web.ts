import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** The embedding script (`Stagecast.embed`), built beside the app (apps/web/vite.config.ts). */
export const EMBED_SCRIPT = 'embed.js';

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
  // The static handler writes its own cache-control over setHeaders' (after them), so here.
  app.addHook('onSend', async (request, reply) => {
    const path = request.url.split('?')[0];
    if (path !== `/${EMBED_SCRIPT}` || (reply.statusCode !== 200 && reply.statusCode !== 304))
      return;
    // Other sites load it by its fixed name: a short life, then a revalidation (its ETag), and
    // a stale copy meanwhile, so an update reaches them within minutes.
    reply.header('cache-control', 'public, max-age=300, stale-while-revalidate=86400');
    // Loadable by pages that demand it of cross-origin resources (COEP).
    reply.header('cross-origin-resource-policy', 'cross-origin');
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const path = request.url.split('?')[0] ?? '/';
    if (/^\/(api|auth|healthz|readyz|metrics)(\/|$)/.test(path)) return;
    if (path.includes('.')) return; // an asset: served by the static handler, or a 404
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
});
