import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

/**
 * The teardown of a DOM test file, registered for after each of its tests: what the test
 * rendered is unmounted, then `undo` run in order (fakes uninstalled, globals unstubbed), then
 * the stored settings cleared so that the next test starts from the defaults.
 */
export function cleanUpAfterEach(...undo: (() => void)[]): void {
  afterEach(() => {
    cleanup();
    for (const step of undo) step();
    localStorage.clear();
  });
}
