import { createElement, type ReactElement } from 'react';
import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { createQueryClient } from '../api/query-client.js';
import { AppProviders } from '../app/AppProviders.js';
import { createI18n } from '../i18n/create-i18n.js';

/**
 * Renders `ui` on what the app gives every page: English strings, a fresh query cache (no state
 * shared between tests) and the signed-in user's provider.
 */
export function renderInApp(ui: ReactElement) {
  return render(
    createElement(
      I18nextProvider,
      { i18n: createI18n(['en']) },
      createElement(AppProviders, { queryClient: createQueryClient() }, ui),
    ),
  );
}
