import type { Page } from 'playwright-core';

/** The `<video>` of `identity`'s `source` track, wherever the room page puts it. */
export const videoOf = (identity: string, source = 'camera') =>
  `[data-identity="${identity}"] video[data-lk-source="${source}"], video[data-identity="${identity}"][data-lk-source="${source}"]`;

/** Opens the session's page, clicks Join on the pre-join and waits for the stage. */
export async function enterRoom(page: Page, baseUrl: string, sessionId: string) {
  await page.goto(`${baseUrl}/live/${sessionId}`);
  await page.getByTestId('join-button').click();
  await page.getByTestId('stage').waitFor();
}
