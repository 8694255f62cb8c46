import { lazy, Suspense } from 'react';
import { Link, Navigate, Outlet, ScrollRestoration, useParams } from 'react-router';
import type { RouteObject } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RegisterPage } from '../features/auth/RegisterPage.js';
import { CheckPage } from '../features/check/CheckPage.js';
import { SignInPage } from '../features/auth/SignInPage.js';
import { CreateSessionPage } from '../features/create/CreateSessionPage.js';
import { EmbedPage } from '../features/embed/EmbedPage.js';
import { PlazaPage } from '../features/plaza/PlazaPage.js';
import { RecordingsPage } from '../features/recordings/RecordingsPage.js';
// Not lazy: a room link opened cold is the page whose first frame counts, so its code comes in
// the first script rather than one round trip later.
import { RoomPage } from '../features/room/RoomPage.js';
import { Header } from './Header.js';

// Lazy: the attendance report (and its chart library) is for hosts after a session, so it stays
// out of the script every other page loads first.
const ReportPage = lazy(async () => ({
  default: (await import('../features/report/ReportPage.js')).ReportPage,
}));

// Lazy: the admin page (and its chart library) is for a few accounts only.
const AdminPage = lazy(async () => ({
  default: (await import('../features/admin/AdminPage.js')).AdminPage,
}));

/** The shell around every page. */
function Shell() {
  return (
    <>
      <Header />
      <main className="page">
        <Outlet />
      </main>
      <ScrollRestoration />
    </>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <section className="card narrow">
      <p>{t('shell.notFound')}</p>
      <Link to="/live">{t('shell.backToPlaza')}</Link>
    </section>
  );
}

/** The `:sessionId` of the URL; keyed by it so another session starts from a clean page. */
function SessionRoute({
  page: Page,
}: {
  page: typeof RoomPage | typeof RecordingsPage | typeof ReportPage;
}) {
  const { t } = useTranslation();
  const { sessionId = '' } = useParams();
  return (
    <Suspense fallback={<p role="status">{t('shell.loading')}</p>}>
      <Page key={sessionId} sessionId={sessionId} />
    </Suspense>
  );
}

function AdminRoute() {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<p role="status">{t('shell.loading')}</p>}>
      <AdminPage />
    </Suspense>
  );
}

/** `/embed/:sessionId`: the room alone, for another site's iframe (no header, no shell). */
function EmbedRoute() {
  const { sessionId = '' } = useParams();
  return <EmbedPage key={sessionId} sessionId={sessionId} />;
}

/** Every page of the web app by URL. */
export const appRoutes: RouteObject[] = [
  { path: 'embed/:sessionId', element: <EmbedRoute /> },
  {
    element: <Shell />,
    children: [
      { index: true, element: <Navigate to="/live" replace /> },
      { path: 'live', element: <PlazaPage /> },
      { path: 'live/create', element: <CreateSessionPage /> },
      { path: 'live/:sessionId', element: <SessionRoute page={RoomPage} /> },
      { path: 'live/:sessionId/recordings', element: <SessionRoute page={RecordingsPage} /> },
      { path: 'live/:sessionId/report', element: <SessionRoute page={ReportPage} /> },
      { path: 'admin', element: <AdminRoute /> },
      { path: 'check', element: <CheckPage /> },
      { path: 'login', element: <SignInPage /> },
      { path: 'register', element: <RegisterPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
];
