import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Header } from './app/Header.js';
import { Link, matchPath, navigate, useLocation } from './app/router.js';
import { AuthProvider } from './features/auth/auth-context.js';
import { RegisterPage } from './features/auth/RegisterPage.js';
import { SignInPage } from './features/auth/SignInPage.js';
import { CreateSessionPage } from './features/create/CreateSessionPage.js';
import { PlazaPage } from './features/plaza/PlazaPage.js';
import { RecordingsPage } from './features/recordings/RecordingsPage.js';

// The room carries livekit-client and the media components: loaded only when a room opens.
const RoomPage = lazy(() =>
  import('./features/room/RoomPage.js').then((m) => ({ default: m.RoomPage })),
);

function Routes() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  if (pathname === '/' || pathname === '/live/') {
    navigate('/live', { replace: true });
    return null;
  }
  if (pathname === '/live') return <PlazaPage />;
  if (pathname === '/live/create') return <CreateSessionPage />;
  if (pathname === '/login') return <SignInPage />;
  if (pathname === '/register') return <RegisterPage />;
  const recordings = matchPath('/live/:id/recordings', pathname);
  if (recordings?.id) return <RecordingsPage key={recordings.id} sessionId={recordings.id} />;
  const room = matchPath('/live/:id', pathname);
  if (room?.id) {
    return (
      <Suspense fallback={<p>{t('shell.loading')}</p>}>
        <RoomPage key={room.id} sessionId={room.id} />
      </Suspense>
    );
  }
  return (
    <section className="card narrow">
      <p>{t('shell.notFound')}</p>
      <Link href="/live">{t('shell.backToPlaza')}</Link>
    </section>
  );
}

/** The web app: the shell around the page of the current route. */
export function App() {
  return (
    <AuthProvider>
      <Header />
      <main className="page">
        <Routes />
      </main>
    </AuthProvider>
  );
}
