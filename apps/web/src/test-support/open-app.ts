import { createElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { appRoutes } from '../app/routes.js';
import { installFakeApi } from '../features/room/testing/fake-api.js';
import type { FakeRoute } from '../features/room/testing/fake-api.js';
import { renderInApp } from './render-in-app.js';

/**
 * The app's routes in memory at `url`, rendered as the app renders them, against a fake API that
 * answers `routes`: the router (where it went) and the calls the pages made.
 */
export function openAppAt(url: string, routes: Record<string, FakeRoute>) {
  const calls = installFakeApi(routes);
  const router = createMemoryRouter(appRoutes, { initialEntries: [url] });
  renderInApp(createElement(RouterProvider, { router }));
  return { router, calls };
}
