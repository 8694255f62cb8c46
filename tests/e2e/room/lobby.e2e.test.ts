import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, useE2eApp } from '../support/app.js';
import { waitForDecodedFrames } from '../support/browser.js';
import { enterRoom, guestKnocks, videoOf } from '../support/room.js';
import { teacherHosts } from '../support/teacher.js';

describe('the waiting room in Chromium (issue 15)', () => {
  const e2e = useE2eApp({ teacher: true });

  const entryOf = (host: Page, id: string) =>
    host.locator(`[data-testid="lobby-entry"][data-user-id="${id}"]`);

  it('holds a knock until the host admits it (then the viewer sees the host) or denies it', async () => {
    const { hostContext, host, teacher, sessionId } = await teacherHosts(e2e, {
      title: 'Office hours',
      session_type: 'broadcast',
    });
    await enterRoom(host, e2e.baseUrl, sessionId);
    await waitForDecodedFrames(host, videoOf(`user:${teacher.id}`), 1);
    // The host turns the waiting room on from inside the room: the next joiner waits.
    const waitingRoom = host.getByTestId('toggle-waiting-room');
    expect(await waitingRoom.getAttribute('aria-pressed')).toBe('false');
    await waitingRoom.click();
    await expect.poll(() => waitingRoom.getAttribute('aria-pressed')).toBe('true');
    // Nobody waits: no panel.
    expect(await host.getByTestId('lobby-panel').count()).toBe(0);

    // A knock reaches the host's page live, with its badge.
    const wanda = await guestKnocks(e2e, sessionId, 'Wanda');
    await entryOf(host, wanda.id).waitFor({ timeout: 10_000 });
    expect(await host.getByTestId('lobby-count').textContent()).toContain('1');
    expect(await entryOf(host, wanda.id).textContent()).toContain('Wanda');
    await wanda.page.screenshot({ path: join(SCREENSHOTS, 'lobby-waiting.png') });

    // A second knock; the host's screenshot shows both.
    const dmitri = await guestKnocks(e2e, sessionId, 'Dmitri');
    await entryOf(host, dmitri.id).waitFor({ timeout: 10_000 });
    await host.getByTestId('lobby-admit-all').waitFor();
    await host.screenshot({ path: join(SCREENSHOTS, 'lobby-host.png') });

    // Admitted: the waiting page joins with a fresh token and decodes the host's video.
    await host.getByTestId(`lobby-admit-${wanda.id}`).click();
    await waitForDecodedFrames(wanda.page, videoOf(`user:${teacher.id}`), 5);
    await entryOf(host, wanda.id).waitFor({ state: 'detached' });

    // Denied: a clear screen at once, and the same account is refused on its next try.
    await host.getByTestId(`lobby-deny-${dmitri.id}`).click();
    await dmitri.page.getByTestId('room-lobby-denied').waitFor({ timeout: 5_000 });
    await host.getByTestId('lobby-panel').waitFor({ state: 'detached' });
    await dmitri.page.reload();
    await dmitri.page.getByTestId('join-button').click();
    await dmitri.page.getByTestId('room-lobby-denied').waitFor();
    expect(await dmitri.page.getByTestId('stage').count()).toBe(0);

    // Leaving the waiting page takes the knock away from the host's list.
    const leaver = await guestKnocks(e2e, sessionId, 'Lena');
    await entryOf(host, leaver.id).waitFor({ timeout: 10_000 });
    await leaver.page.getByTestId('lobby-leave').click();
    await entryOf(host, leaver.id).waitFor({ state: 'detached', timeout: 10_000 });

    for (const context of [wanda.context, dmitri.context, leaver.context, hostContext]) {
      await context.close();
    }
  });
});
