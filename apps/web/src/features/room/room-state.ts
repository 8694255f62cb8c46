import type { DisconnectReason } from 'livekit-client';
import type { JoinResponse, Session, User } from '@stagecast/contracts';
import { ApiError } from '../../api/client.js';
import { disconnectOutcome, RoomConnectionError } from '../../livekit/index.js';

/** A screen shown instead of the pre-join or the room: why the person is not in it. */
export type BlockedScreen =
  | { kind: 'not_found' }
  | { kind: 'private' }
  | { kind: 'removed' }
  | { kind: 'ended' }
  | { kind: 'not_live'; scheduledAt: string | null }
  | { kind: 'full' }
  /** A host turned this account away from the waiting room (for 10 minutes). */
  | { kind: 'lobby_denied' }
  /** Refused for another reason, e.g. guests are not allowed on this server. */
  | { kind: 'forbidden' }
  /** The sign-in expired between loading the page and joining. */
  | { kind: 'sign_in' }
  /** The same identity joined from another tab or device. */
  | { kind: 'duplicate' }
  | { kind: 'left' }
  /** Could not load or connect, even after retrying. */
  | { kind: 'failed' };

export type BlockedKind = BlockedScreen['kind'];

/** Which request failed: reading the session (private → 403 without a reason) or joining it. */
export type RequestStep = 'load' | 'join';

/** When a scheduled session starts, from a `not_live` refusal's details (for the countdown). */
function scheduledAtOf(error: ApiError): string | null {
  const details = error.details;
  const at =
    typeof details === 'object' && details !== null
      ? (details as Record<string, unknown>).scheduled_at
      : undefined;
  return typeof at === 'string' ? at : null;
}

/**
 * The screen an API error leads to, chosen by its typed `reason`, else its status (never the
 * message); `undefined` for errors worth retrying (network, rate limit, server trouble).
 */
export function screenForError(error: unknown, step: RequestStep): BlockedScreen | undefined {
  const api =
    error instanceof RoomConnectionError && error.code === 'connection_details'
      ? error.cause
      : error;
  if (!(api instanceof ApiError)) return undefined;
  switch (api.reason) {
    case 'banned':
      return { kind: 'removed' };
    case 'invite_required':
    case 'invite_expired':
      return { kind: 'private' };
    case 'full':
      return { kind: 'full' };
    case 'lobby_denied':
      return { kind: 'lobby_denied' };
    case 'ended':
      return { kind: 'ended' };
    case 'not_live':
      return { kind: 'not_live', scheduledAt: scheduledAtOf(api) };
  }
  switch (api.status) {
    case 401:
      return { kind: 'sign_in' };
    case 403:
      // A session that may not be read is a private one, whatever the reason.
      return step === 'load' ? { kind: 'private' } : { kind: 'forbidden' };
    case 404:
      return { kind: 'not_found' };
    default:
      return undefined;
  }
}

/** Rejoin attempts after an unexpected disconnect before giving up. */
export const MAX_REJOIN_ATTEMPTS = 5;

/** Wait before rejoin attempt `attempt` (1-based): 1 s, 2 s, 4 s, 8 s, then 15 s. */
export function rejoinDelay(attempt: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempt - 1), 15_000);
}

/** The owner and admins join as host, so they may enter a scheduled session to prepare. */
export function isSessionHost(session: Session, user: User | null | undefined): boolean {
  return Boolean(user && (user.id === session.owner_id || user.role === 'admin'));
}

/** The screen the session itself calls for before joining, or undefined for the pre-join. */
export function sessionScreen(
  session: Session | undefined,
  loadError: unknown,
  isHost: boolean,
): BlockedScreen | undefined {
  if (!session) {
    return loadError === undefined
      ? undefined
      : (screenForError(loadError, 'load') ?? { kind: 'failed' });
  }
  if (session.status === 'ended') return { kind: 'ended' };
  if (session.status === 'scheduled' && !isHost)
    return { kind: 'not_live', scheduledAt: session.scheduled_at };
  return undefined;
}

/** Why the last join from the pre-join failed, when it is worth trying again. */
export type JoinProblem = 'rate_limited' | 'failed';

export type RoomPageState =
  | { phase: 'prejoin'; joining: boolean; problem?: JoinProblem }
  | {
      phase: 'room';
      join: JoinResponse;
      /** Increases for every new LiveKit connection (the provider's key). */
      connection: number;
      /** Set while rejoining after an unexpected disconnect. */
      rejoin?: { attempt: number; waiting: boolean };
    }
  | { phase: 'blocked'; screen: BlockedScreen };

export type RoomPageEvent =
  | { type: 'join_started' }
  | { type: 'joined'; join: JoinResponse }
  | { type: 'join_failed'; error: unknown }
  | { type: 'refreshed'; join: JoinResponse }
  | { type: 'connected'; connection: number }
  | { type: 'disconnected'; connection: number; reason: DisconnectReason | undefined }
  | { type: 'connect_failed'; connection: number; error: unknown }
  | { type: 'rejoin_due' }
  | { type: 'blocked'; screen: BlockedScreen }
  | { type: 'reset' };

export const initialRoomPageState: RoomPageState = { phase: 'prejoin', joining: false };

function scheduleRejoin(state: Extract<RoomPageState, { phase: 'room' }>): RoomPageState {
  // A failed connect can report twice (the error and a disconnect): count it once.
  if (state.rejoin?.waiting) return state;
  const attempt = (state.rejoin?.attempt ?? 0) + 1;
  if (attempt > MAX_REJOIN_ATTEMPTS) return { phase: 'blocked', screen: { kind: 'failed' } };
  return { ...state, rejoin: { attempt, waiting: true } };
}

/** The room page's flow: pre-join → room (rejoining as needed) → a blocked screen. */
export function roomPageReducer(state: RoomPageState, event: RoomPageEvent): RoomPageState {
  switch (event.type) {
    case 'join_started':
      return { phase: 'prejoin', joining: true };
    case 'joined':
      return { phase: 'room', join: event.join, connection: 0 };
    case 'join_failed': {
      const screen = screenForError(event.error, 'join');
      if (screen) return { phase: 'blocked', screen };
      const limited = event.error instanceof ApiError && event.error.status === 429;
      return { phase: 'prejoin', joining: false, problem: limited ? 'rate_limited' : 'failed' };
    }
    case 'blocked':
      return { phase: 'blocked', screen: event.screen };
    case 'reset':
      return initialRoomPageState;
  }
  if (state.phase !== 'room') return state;
  switch (event.type) {
    case 'refreshed':
      return { ...state, join: event.join };
    case 'rejoin_due':
      return state.rejoin?.waiting
        ? {
            ...state,
            connection: state.connection + 1,
            rejoin: { ...state.rejoin, waiting: false },
          }
        : state;
  }
  // Events of a connection already replaced say nothing about the current one.
  if (event.connection !== state.connection) return state;
  switch (event.type) {
    case 'connected':
      // While waiting to rejoin, this connection is the one that dropped: only a new one counts.
      return state.rejoin && !state.rejoin.waiting
        ? { phase: 'room', join: state.join, connection: state.connection }
        : state;
    case 'disconnected': {
      const outcome = disconnectOutcome(event.reason);
      if (outcome === 'ignore') return state;
      if (outcome === 'rejoin') return scheduleRejoin(state);
      return { phase: 'blocked', screen: { kind: outcome } };
    }
    case 'connect_failed': {
      const screen = screenForError(event.error, 'join');
      return screen ? { phase: 'blocked', screen } : scheduleRejoin(state);
    }
  }
}
