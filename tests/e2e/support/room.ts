import type { Browser, Page } from 'playwright-core';
import { newContext } from './browser.js';

/** The `<video>` of `identity`'s `source` track, wherever the room page puts it. */
export const videoOf = (identity: string, source = 'camera') =>
  `[data-identity="${identity}"] video[data-lk-source="${source}"], video[data-identity="${identity}"][data-lk-source="${source}"]`;

/** Opens the session's page, clicks Join on the pre-join and waits for the stage. */
export async function enterRoom(page: Page, baseUrl: string, sessionId: string) {
  await page.goto(`${baseUrl}/live/${sessionId}`);
  await page.getByTestId('join-button').click();
  await page.getByTestId('stage').waitFor();
}

/**
 * A guest named `name` joins the session: from its card on the plaza (as a student who browses)
 * or from its own link, through the guest name and the pre-join's Join button.
 */
export async function joinAsGuest(
  page: Page,
  at: { baseUrl: string; sessionId: string; from: 'plaza' | 'link' },
  name: string,
) {
  if (at.from === 'plaza') {
    await page.goto(`${at.baseUrl}/live`);
    await page.getByTestId(`join-${at.sessionId}`).click();
  } else {
    await page.goto(`${at.baseUrl}/live/${at.sessionId}`);
  }
  await page.getByTestId('guest-name-input').fill(name);
  await page.getByTestId('guest-enter').click();
  await page.getByTestId('join-button').click();
}

/**
 * A guest in a browser context of their own who comes from the plaza to a session with a waiting
 * room and presses Join: resolves once they are on the waiting page, with their user id.
 */
export async function guestKnocks(
  app: { browser: Browser; baseUrl: string },
  sessionId: string,
  name: string,
) {
  const context = await newContext(app.browser);
  const page = await context.newPage();
  await joinAsGuest(page, { baseUrl: app.baseUrl, sessionId, from: 'plaza' }, name);
  await page.getByTestId('lobby-waiting').waitFor();
  const me = (await (await context.request.get(`${app.baseUrl}/api/v1/auth/me`)).json()) as {
    user: { id: string };
  };
  return { context, page, id: me.user.id };
}
