import type { LobbyWaitEvent } from '@stagecast/contracts';
import type { FastifyReply } from 'fastify';
import { AppError } from '../../errors.js';
import type { CallerOptions, SignedInAccess } from '../sessions/access.js';
import { LOBBY_TOUCH_MS } from './lobby-repository.js';
import type { LobbyRow } from './lobby-repository.js';
import type { LobbyService } from './lobby-service.js';
import { retryAtOf } from './pass-lobby.js';

/** The wait streams open on this instance, so a shutdown can end them. */
export type OpenStreams = Set<() => void>;

const answerOf = (row: LobbyRow | undefined): LobbyWaitEvent | undefined => {
  if (row?.status === 'admitted') return { status: 'admitted' };
  if (row?.status === 'denied' && row.decidedAt)
    return { status: 'denied', retry_at: retryAtOf(row.decidedAt).toISOString() };
  return undefined;
};

/**
 * `GET …/lobby/wait`: the waiting page's server-sent events. The knock lives while the stream
 * is open (it keeps the row fresh); the first event is the current state, then `admitted`,
 * `denied` or `ended` as soon as it happens, on whichever instance, and the stream ends. A
 * client that closes it (leaves the page) withdraws the knock, and the moderators hear of it.
 */
export async function waitInLobby(
  options: CallerOptions<SignedInAccess> & {
    lobby: LobbyService;
    reply: FastifyReply;
    open: OpenStreams;
  },
): Promise<void> {
  const { access, lobby, reply } = options;
  const sessionId = access.view.session.sessionId;
  const identity = access.identity;
  const first = await lobby.repo.find(sessionId, identity);
  if (!first) {
    throw new AppError('NOT_FOUND', 'you have not knocked on this session', undefined, {
      reason: 'not_waiting',
    });
  }

  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
  });
  let done = false;
  let unsubscribe = () => {};
  // Keeps the knock fresh and the connection open through proxies; the callbacks it names run
  // only once it fires.
  const timer = setInterval(() => {
    raw.write(': keep-alive\n\n');
    void lobby.repo
      .touch(sessionId, identity)
      .then(async (waiting) => {
        if (waiting || done) return;
        // Decided while a bus message was lost (Redis away), or withdrawn elsewhere.
        const answer = answerOf(await lobby.repo.find(sessionId, identity));
        if (answer) finish(answer);
        else stop();
      })
      .catch(() => undefined);
  }, LOBBY_TOUCH_MS);
  timer.unref();
  const send = (event: LobbyWaitEvent) =>
    raw.write(`event: status\ndata: ${JSON.stringify(event)}\n\n`);
  const cleanup = () => {
    done = true;
    unsubscribe();
    clearInterval(timer);
    options.open.delete(stop);
  };
  /** A final answer: the knock stays as decided, the stream ends. */
  const finish = (event: LobbyWaitEvent) => {
    if (done) return;
    cleanup();
    send(event);
    raw.end();
  };
  // The app shuts down: the stream ends without an answer and the client knocks again elsewhere.
  const stop = () => {
    if (done) return;
    cleanup();
    raw.end();
  };
  options.open.add(stop);

  // Listen before reading again, so a decision taken in between is not missed.
  unsubscribe = lobby.bus.subscribe(sessionId, (event) => {
    if (event.type === 'closed') finish({ status: 'ended' });
    else if (event.identity === identity) {
      void lobby.repo.find(sessionId, identity).then(
        (row) => finish(answerOf(row) ?? { status: event.status }),
        () => finish({ status: event.status }),
      );
    }
  });

  raw.on('close', () => {
    if (done) return;
    cleanup();
    void lobby.repo
      .withdraw(sessionId, identity)
      .then((withdrawn) => (withdrawn ? lobby.notifyModerators(sessionId) : undefined))
      .catch(() => undefined);
  });

  const now = await lobby.repo.find(sessionId, identity).catch(() => first);
  const answer = answerOf(now);
  if (access.view.session.status === 'ended') finish({ status: 'ended' });
  else if (answer) finish(answer);
  else if (!now) stop();
  else {
    send({ status: 'waiting' });
    // The page is back (a reload, a new stream): fresh again.
    await lobby.repo.touch(sessionId, identity).catch(() => false);
  }
}
