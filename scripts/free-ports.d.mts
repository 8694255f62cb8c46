// Types for free-ports.mjs, so that TypeScript tests and benches can import it.
/** `count` consecutive ports free for TCP and UDP, never handed out before in this process. */
export declare function freePortBlock(count: number): Promise<number>;
/** The ports `[from, from + size)` a process draws from: a slice per vitest worker (its
 * `VITEST_POOL_ID`), another for processes outside vitest. */
export declare function portSlice(poolId: string | undefined): { from: number; size: number };
