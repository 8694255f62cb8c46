import type { Browser, BrowserContext } from 'playwright-core';
import { expect } from 'vitest';
import { newContext } from './browser.js';

/** The teacher of the e2e classes: registered first on a fresh app, so an admin. */
export const TEACHER = {
  email: 'teacher@example.com',
  username: 'teacher',
  password: 'a long password',
};

/** Registers the teacher with the app at `baseUrl`; answers their bearer token. */
export async function registerTeacher(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(TEACHER),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

/** Signs the teacher in inside a browser context (its pages get the cookie); answers the user. */
export async function signInTeacher(context: BrowserContext, baseUrl: string) {
  const res = await context.request.post(`${baseUrl}/api/v1/auth/login`, {
    data: { email: TEACHER.email, password: TEACHER.password },
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { user: { id: string } }).user;
}

/**
 * The teacher, signed in in a fresh browser context of `e2e`'s Chromium (`prepare` runs on it
 * before its page opens), hosts a live session they created as `session`: their context, their
 * page, their user and the session's id.
 */
export async function teacherHosts(
  e2e: { browser: Browser; baseUrl: string },
  session: { title: string; session_type?: 'broadcast' | 'meeting'; waiting_room?: boolean },
  prepare?: (context: BrowserContext) => Promise<unknown>,
) {
  const hostContext = await newContext(e2e.browser);
  await prepare?.(hostContext);
  const host = await hostContext.newPage();
  const teacher = await signInTeacher(hostContext, e2e.baseUrl);
  const created = await hostContext.request.post(`${e2e.baseUrl}/api/v1/live/sessions`, {
    data: { ...session, start_now: true },
  });
  expect(created.status()).toBe(201);
  const { session_id: sessionId } = (await created.json()) as { session_id: string };
  return { hostContext, host, teacher, sessionId };
}
