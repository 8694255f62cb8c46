// Types for build-server.mjs, so that TypeScript tests and benches can import it.
/** apps/server/dist/server.mjs: the server bundle `npm start`, the tests and the benches run. */
export declare const SERVER_BUNDLE: string;
/** Bundles the server anew (well under a second); answers the bundle's path. */
export declare function buildServer(): Promise<string>;
