// Types of live-class.mjs, for the TypeScript benchmarks.
import type { apiClient, castWithLiveSession, Cleanups } from './support.mjs';

export function startViewersApp(options: {
  prefix: string;
  /** 'pglite', or the URL of a PostgreSQL database to create a fresh one beside. */
  database: string;
  cleanups: Cleanups;
  nodeArgs?: string[];
  env?: Record<string, string>;
}): Promise<{
  pid: number | undefined;
  baseUrl: string;
  livekitUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
}>;
/** `startViewersApp`, an `apiClient` for it and `castWithLiveSession` with a public session. */
export function startLiveClass(
  options: Parameters<typeof startViewersApp>[0] & { title: string },
): Promise<
  Awaited<ReturnType<typeof castWithLiveSession>> & {
    app: Awaited<ReturnType<typeof startViewersApp>>;
    api: ReturnType<typeof apiClient>;
  }
>;
/** What `runLiveClassBench` hands its body: the live class, its session's id and more. */
export type LiveClass<P> = Awaited<ReturnType<typeof startLiveClass>> & {
  sessionId: string;
  cleanups: Cleanups;
  /** The machine's load averages before `prepare`. */
  loadBefore: number[];
  /** What `prepare` resolved with. */
  prepared: P;
};
/** A many-viewer bench from start to exit: `prepare`, the live class, `body`, the cleanups. */
export function runLiveClassBench<P>(
  options: Omit<Parameters<typeof startLiveClass>[0], 'cleanups'> & {
    log: (message: string) => void;
    prepare: () => P | Promise<P>;
  },
  body: (live: LiveClass<P>) => Promise<void>,
): Promise<never>;
