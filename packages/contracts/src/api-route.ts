import { z } from 'zod';
import { errorBodySchema } from './errors.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * One route of the API: what the server declares to Fastify (and OpenAPI) and what the web
 * client's `request()` builds its call and its types from, so that the two cannot drift apart.
 */
export interface ApiRoute {
  method: HttpMethod;
  /** Fastify style, `:name` for a path parameter. */
  path: string;
  /** OpenAPI tags. */
  tags: readonly string[];
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  /** Answers by HTTP status, errors included; absent where the answer is not JSON. */
  response?: Record<number, z.ZodType>;
  /** Left out of the OpenAPI document. */
  hide?: boolean;
}

/** The statuses of a successful answer. */
export type SuccessStatus = 200 | 201 | 202 | 204;

type Input<R, K extends string> = R extends { [P in K]: infer S extends z.ZodType }
  ? z.input<S>
  : undefined;

/** The path parameters of a route, as the caller gives them. */
export type RouteParams<R extends ApiRoute> = Input<R, 'params'>;
/** The query string of a route, as the caller gives it (before coercion and defaults). */
export type RouteQuery<R extends ApiRoute> = Input<R, 'querystring'>;
/** The JSON body of a route, as the caller gives it (before defaults). */
export type RouteBody<R extends ApiRoute> = Input<R, 'body'>;

/** A key that may be left out when nothing in its value is required. */
type Part<K extends string, T> = [T] extends [undefined]
  ? { [P in K]?: undefined }
  : undefined extends T
    ? { [P in K]?: T }
    : object extends T
      ? { [P in K]?: T }
      : { [P in K]: T };

/** What a caller gives to call a route: `params`, `query` and `body`, each if the route has one. */
export type RouteRequest<R extends ApiRoute> = Part<'params', RouteParams<R>> &
  Part<'query', RouteQuery<R>> &
  Part<'body', RouteBody<R>>;

/** The JSON of a route's successful answer (`null` for 204). */
export type RouteResponse<R extends ApiRoute> = R extends { response: infer A }
  ? A[Extract<keyof A, SuccessStatus>] extends infer S extends z.ZodType
    ? z.output<S>
    : never
  : unknown;

/** Declares a route of the table, keeping its literal types (method, path, schemas). */
export const route = <const R extends ApiRoute>(r: R): R => r;

/** The error answers a route may give, each with the error body of SPEC §6. */
export const apiErrorResponses = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
  413: errorBodySchema,
  429: errorBodySchema,
  503: errorBodySchema,
};

/** The body of a `204 No Content` answer. */
export const noContentSchema = z.null();

/** What a route of a `routeGroup` declares besides its method, path, tags and answers. */
export type RouteParts = Pick<ApiRoute, 'params' | 'querystring' | 'body' | 'hide'>;
type NoParts = Record<never, never>;

/** The answers of a `routeGroup` route: the success answers given and the error answers. */
type Answers<A> = A extends null ? NoParts : { response: A & typeof apiErrorResponses };
/** A route of a `routeGroup`: what `route()` would declare for it, literal types kept. */
export type GroupRoute<M, P, T, D, X, A> = { method: M; path: P; tags: readonly [T] } & X &
  Omit<D, keyof X> &
  Answers<A>;

/**
 * The routes of one OpenAPI tag below one path, each with the group's `defaults` (e.g. the
 * params of the path): `group.post(subpath, answers, parts?)` declares `POST <base><subpath>`
 * with `parts` (params, querystring, body) over the defaults, answering the success answers
 * given by status and every error answer (`apiErrorResponses`); `null` answers for a route whose
 * answer is not JSON (no answer schema).
 */
export function routeGroup<
  const T extends string,
  const B extends string,
  const D extends RouteParts = NoParts,
>(tag: T, base: B, defaults?: D) {
  const by =
    <const M extends HttpMethod>(method: M) =>
    <
      const S extends string,
      const A extends Record<number, z.ZodType> | null,
      const X extends RouteParts = NoParts,
    >(
      subpath: S,
      answers: A,
      parts?: X,
    ) => {
      const declared: ApiRoute = {
        method,
        path: `${base}${subpath}`,
        tags: [tag],
        ...defaults,
        ...parts,
        ...(answers && { response: { ...answers, ...apiErrorResponses } }),
      };
      return declared as GroupRoute<M, `${B}${S}`, T, D, X, A>;
    };
  return { get: by('GET'), post: by('POST'), patch: by('PATCH'), delete: by('DELETE') };
}
