// Types for livekit-server.mjs, so that TypeScript tests can import it.
export declare const LIVEKIT_SERVER_VERSION: string;
export declare const LIVEKIT_GO_MODULE: string;
export declare function cacheDir(env?: Record<string, string | undefined>): string;
export declare function cachedBinaryPath(env?: Record<string, string | undefined>): string;
export declare function binaryVersion(file: string): string | undefined;
export declare function findLivekitServer(
  env?: Record<string, string | undefined>,
): { path: string; source: 'LIVEKIT_SERVER_BIN' | 'PATH' | 'cache' } | undefined;
export declare function releaseArchiveUrl(platform?: string, arch?: string): string | undefined;
export declare function ensureLivekitServer(options?: {
  env?: Record<string, string | undefined>;
  log?: (message: string) => void;
}): Promise<string>;
