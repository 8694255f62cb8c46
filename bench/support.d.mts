// Types of support.mjs, for the TypeScript benchmarks.
export function sleep(ms: number): Promise<void>;
export function formatJson(file: string, value: unknown): Promise<string>;
export function freePortBlock(size: number): Promise<number>;
