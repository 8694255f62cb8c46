import { afterAll, beforeAll } from 'vitest';
import { cast } from './api.js';
import type { Cast } from './api.js';
import { clientPool } from './media.js';
import type { ClientPool } from './media.js';
import { startStack } from './stack.js';
import type { Stack, StackOptions } from './stack.js';

/** What a test file works with: the stack, its cast (an admin and a mentor), a client pool. */
export interface StackHandles {
  /** Set before the first test. */
  stack: Stack;
  /** Set before the first test. */
  c: Cast;
  /** Usable at once; its clients are disconnected before the stack stops. */
  clients: ClientPool;
}

/**
 * The usual set-up of an integration test file (or `describe` block), registered where it is
 * called: before all its tests a stack and its cast, after all of them `beforeStop`, the pool's
 * clients disconnected and the stack stopped. `onReady` runs last in the set-up with the handles,
 * so that a file can keep its own variables (`({ stack, c } = ready)`) and add to the set-up.
 */
export function useStack(
  options: StackOptions & {
    onReady?: (ready: StackHandles) => unknown;
    /** Stops what the tests started on the stack (publishers, rooms) before it goes away. */
    beforeStop?: () => Promise<unknown>;
  } = {},
): StackHandles {
  const { onReady, beforeStop, ...stackOptions } = options;
  const handles = { clients: clientPool(() => handles.stack.livekitUrl) } as StackHandles;

  beforeAll(async () => {
    handles.stack = await startStack(stackOptions);
    handles.c = await cast(handles.stack);
    await onReady?.(handles);
  });

  afterAll(async () => {
    await beforeStop?.();
    await handles.clients.disconnectAll();
    await handles.stack?.stop();
  });

  return handles;
}
