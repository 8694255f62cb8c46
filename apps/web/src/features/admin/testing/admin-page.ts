import type { User } from '@stagecast/contracts';
import { beforeAll, vi } from 'vitest';
import { cleanUpAfterEach } from '../../../test-support/clean-up.js';

/** The administrator the admin page's DOM tests sign in as. */
export const admin: User = { id: 'a1', email: 'root@example.com', username: 'root', role: 'admin' };

/**
 * The set-up of an admin page DOM test file: the page is lazy, so its module (and uPlot) is
 * loaded once before the tests and no test waits for it; after each test what it rendered is
 * unmounted and the faked globals (the fake API's fetch) are put back.
 */
export function prepareAdminPageTests(): void {
  beforeAll(async () => {
    await import('../AdminPage.js');
  });
  cleanUpAfterEach(() => vi.unstubAllGlobals());
}
