// Types of support.mjs, for the TypeScript benchmarks.
export const ROOT: string;
export function sleep(ms: number): Promise<void>;
export function formatJson(file: string, value: unknown): Promise<string>;
export { freePortBlock } from '../scripts/free-ports.mjs';
export function importFromServer(name: string, entry?: string): Promise<unknown>;
export function machineInfo(): { cpus: number; cpuModel: string; node: string; platform: string };

export interface Cleanups {
  add(step: () => Promise<unknown>): void;
  mark(): number;
  unwindTo(mark: number): Promise<void>;
  runAll(): Promise<void>;
}
export function cleanupOnExit(): Cleanups;
export function stopAtCleanup(
  child: import('node:child_process').ChildProcess,
  cleanups: Cleanups,
  killAfterMs: number,
): { exited: Promise<number | null>; gone(): boolean };

export function startNode(options: {
  name: string;
  args: string[];
  cwd?: string;
  env?: Record<string, string>;
  ready: () => Promise<boolean>;
  cleanups: Cleanups;
  timeoutMs?: number;
  killAfterMs?: number;
}): Promise<{ pid: number | undefined; output(): string }>;
export function livekitServerPath(): string;
export function startServer(options: {
  name?: string;
  livekitBin: string;
  dataDir: string;
  databaseUrl?: string | undefined;
  env?: Record<string, string>;
  nodeArgs?: string[];
  cleanups: Cleanups;
  timeoutMs?: number;
  killAfterMs?: number;
}): Promise<{ pid: number | undefined; baseUrl: string; livekitUrl: string }>;
export function createDatabase(
  adminDatabaseUrl: string,
  name: string,
  cleanups: Cleanups,
): Promise<string>;
/** Calls the API; resolves with the answer's JSON object, rejects on a non-2xx status. */
export function apiClient(
  baseUrl: string,
): (
  method: string,
  path: string,
  token?: string,
  body?: unknown,
) => Promise<Record<string, unknown>>;
export interface BenchAccount {
  token: string;
  user: { id: string };
}
export function castWithLiveSession(
  api: ReturnType<typeof apiClient>,
  session: { title: string; is_public?: boolean },
): Promise<{
  register: (name: string) => Promise<BenchAccount>;
  admin: BenchAccount;
  mentor: BenchAccount;
  session: { session_id: string } & Record<string, unknown>;
}>;
export function printTable(rows: string[][]): void;
export function writeResults(benchmark: string, report: Record<string, unknown>): Promise<string>;
export function addressOf(n: number): string;
export interface CallFromAnswer {
  ok: boolean;
  status: number;
  json: Record<string, unknown> | null;
}
export function callFrom(
  baseUrl: string,
  method: string,
  path: string,
  address: string,
  token: string | undefined,
  body?: unknown,
): Promise<CallFromAnswer>;
export function postFrom(
  baseUrl: string,
  path: string,
  address: string,
  token: string | undefined,
  body: unknown,
): Promise<CallFromAnswer>;
export function percentile(values: number[], p: number): number | null;
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T>;
/** Runs a bench's `main` and exits: 0 when it resolves, 1 with the error when it throws. */
export function runBench(main: () => Promise<void>): Promise<never>;
