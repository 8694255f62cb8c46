import { createBrowserRouter, RouterProvider } from 'react-router';
import { createQueryClient } from './api/query-client.js';
import { AppProviders } from './app/AppProviders.js';
import { appRoutes } from './app/routes.js';

// Made once for the page's life, outside React: a render (StrictMode renders twice in
// development) must not start a second router listening to the history.
const queryClient = createQueryClient();
const router = createBrowserRouter(appRoutes);

/** The web app: one query cache and one router. */
export function App() {
  return (
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
