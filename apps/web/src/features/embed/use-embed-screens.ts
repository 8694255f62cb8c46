import { useEffect } from 'react';
import type { RoomSessionView } from '../room/useRoomSession.js';
import { useEmbed } from './embed-context.js';

/**
 * The room page's screens as embed events: `left`, `ended`, `removed`, or an `error` with the
 * reason the person is not in the room (private, full, not live yet…) or could not join. Does
 * nothing outside `/embed/{id}`.
 */
export function useEmbedScreens(view: RoomSessionView): void {
  const bridge = useEmbed();
  const screen = view.kind === 'status' ? view.screen : undefined;
  const problem = view.kind === 'prejoin' ? view.props.problem : undefined;
  // The bridge reports a screen once, however often it is rendered.
  useEffect(() => {
    if (view.kind !== 'loading') bridge?.showing(screen);
  });
  useEffect(() => {
    bridge?.joinProblem(problem);
  }, [bridge, problem]);
}
