// Types for free-ports.mjs, so that TypeScript tests and benches can import it.
/** `count` consecutive ports free for TCP and UDP, never handed out before in this process. */
export declare function freePortBlock(count: number): Promise<number>;
