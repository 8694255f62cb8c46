import type { BrowserContext } from 'playwright-core';
import { expect } from 'vitest';

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
