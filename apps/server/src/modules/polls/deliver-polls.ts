import { POLLS_TOPIC } from '@stagecast/contracts';
import type { Poll, PollsDataPacket } from '@stagecast/contracts';
import type { AppContext } from '../../context.js';
import { participantRepository } from '../participants/participant-repository.js';
import type { CallerOptions, SessionAccess } from '../sessions/access.js';
import type { PollRepository } from './poll-repository.js';
import { resendOnChange } from './resend-on-change.js';

/**
 * Sends polls to the room over LiveKit data (topic `polls`), the server as the only author: a
 * draft to the moderators alone, an open or closed poll to everyone. Votes go through
 * `handleVote`, which coalesces them per poll and sends the counts read from the database.
 * A failed send is only logged: the poll is stored, and clients read it again on reconnect.
 */
export function pollDelivery(ctx: AppContext, repo: PollRepository) {
  const participants = participantRepository(ctx.database.db);
  const deliver = async (poll: Poll): Promise<void> => {
    const packet: PollsDataPacket = { type: 'poll', poll: { ...poll, my_vote: null } };
    const rooms = ctx.livekit.rooms;
    await (
      poll.status === 'draft'
        ? rooms.sendTo(
            poll.session_id,
            POLLS_TOPIC,
            packet,
            await participants.moderatorIdentities(poll.session_id),
          )
        : rooms.broadcast(poll.session_id, POLLS_TOPIC, packet)
    ).catch((err: unknown) => {
      ctx.logger.warn({ err, session: poll.session_id }, 'poll delivery over LiveKit failed');
    });
  };
  const results = resendOnChange(ctx, { kind: 'poll', what: 'poll results', repo, deliver });
  return { deliver, handleVote: (id: string) => results.handle(id), close: () => results.close() };
}
export type PollDelivery = ReturnType<typeof pollDelivery>;

/** What every poll use case takes: the caller, the polls and their delivery to the room. */
export type PollCall<A extends SessionAccess> = CallerOptions<A> & {
  repo: PollRepository;
  delivery: PollDelivery;
};
