import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { embedOptionsQuery } from '../../api/queries.js';
import { RoomPage } from '../room/RoomPage.js';
import { createEmbedBridge, type EmbedBridge, type EmbedParent } from './embed-bridge.js';
import { EmbedContext } from './embed-context.js';
import './embed.css';

/** The window framing this page, or undefined when it is opened on its own. */
function framingWindow(): EmbedParent | undefined {
  return window.parent !== window ? window.parent : undefined;
}

/**
 * `/embed/:id`: the room (the same pre-join, room and screens as `/live/:id`) without the
 * site's header, for an iframe on the host site's pages (issue 14). It reads which pages may
 * frame it (`EMBED_ORIGINS`), then talks to the framing one through the bridge: `ready` once it
 * listens, the room's events, and the host page's commands.
 */
export function EmbedPage({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const options = useQuery(embedOptionsQuery());
  const [bridge, setBridge] = useState<EmbedBridge>();
  // Without the list (the API could not be read), the room still works: it talks to nobody.
  // A string, so that the effect runs again only when the list's contents change.
  const origins = options.data ? options.data.origins.join(' ') : options.isError ? '' : undefined;

  useEffect(() => {
    if (origins === undefined) return;
    const made = createEmbedBridge({
      sessionId,
      allowedOrigins: origins ? origins.split(' ') : [],
      parent: framingWindow(),
    });
    const onMessage = (event: MessageEvent) => made.handleMessage(event);
    window.addEventListener('message', onMessage);
    setBridge(made);
    made.ready();
    return () => window.removeEventListener('message', onMessage);
  }, [sessionId, origins]);

  return (
    <main className="embed">
      {bridge ? (
        <EmbedContext.Provider value={bridge}>
          <RoomPage sessionId={sessionId} />
        </EmbedContext.Provider>
      ) : (
        <p role="status" className="room-loading">
          {t('room.loading')}
        </p>
      )}
    </main>
  );
}
