import type { ApiRoute } from '@stagecast/contracts';
import type { FastifyInstance } from 'fastify';

/** The Fastify schema of a table route: its tags, params, querystring, body and answers. */
export type SchemaOf<R extends ApiRoute> = Omit<R, 'method' | 'path' | 'tags'> & { tags: string[] };

/**
 * A route of the shared table (`apiRoutes` in `@stagecast/contracts`) as Fastify route options,
 * for the plugin `app` it is declared in: the method, the URL below the plugin's prefix, and the
 * schemas, so that the handler's request and reply are typed from the same table the web client
 * calls through. A route outside the plugin's prefix is a mistake caught at start.
 */
export function declareRoute<const R extends ApiRoute>(
  app: Pick<FastifyInstance, 'prefix'>,
  route: R,
): { method: R['method']; url: string; schema: SchemaOf<R> } {
  const { method, path, tags, ...schema } = route;
  if (!path.startsWith(app.prefix)) {
    throw new Error(`route ${method} ${path} is not under its plugin's prefix ${app.prefix}`);
  }
  return { method, url: path.slice(app.prefix.length), schema: { ...schema, tags: [...tags] } };
}
