import type { Participant, SessionRole } from '@stagecast/contracts';
import { parseRole, ROLE_RANK } from '../roles.js';

/** The API's `user_id` of a LiveKit identity (`user:<id>` or `guest:<id>`). */
export function userIdOf(identity: string): string {
  const colon = identity.indexOf(':');
  return colon === -1 ? identity : identity.slice(colon + 1);
}

/** Who raised a hand, from the API list and the live `hand` packets, whichever is newer. */
export interface HandsState {
  raised: ReadonlyMap<string, { raised: boolean; at: number }>;
}

export type HandsEvent =
  /** The API list, requested at `requestedAt` (ms): older than a packet seen since, it loses. */
  | { type: 'list'; requestedAt: number; participants: readonly Participant[] }
  | { type: 'packet'; at: number; identity: string; raised: boolean };

export const noHands: HandsState = { raised: new Map() };

export function handsReducer(state: HandsState, event: HandsEvent): HandsState {
  const raised = new Map(state.raised);
  if (event.type === 'packet') {
    raised.set(event.identity, { raised: event.raised, at: event.at });
    return { raised };
  }
  for (const participant of event.participants) {
    const known = raised.get(participant.identity);
    if (known && known.at > event.requestedAt) continue;
    raised.set(participant.identity, { raised: participant.hand_raised, at: event.requestedAt });
  }
  return { raised };
}

/** A person in the room as LiveKit sees them now. */
export interface LivePerson {
  identity: string;
  name: string | undefined;
  /** The `role` attribute, updated live on role changes. */
  role: string | undefined;
  isLocal: boolean;
}

export interface ParticipantRowModel {
  userId: string;
  identity: string;
  name: string;
  role: SessionRole;
  handRaised: boolean;
  isLocal: boolean;
}

/**
 * The participants list: who is connected comes from LiveKit (live), their role from the
 * `role` attribute (else the API), hands from {@link handsReducer}. Raised hands come first
 * within a role, so a host sees them at a glance.
 */
export function participantRows(
  people: readonly LivePerson[],
  api: readonly Participant[],
  hands: HandsState,
): ParticipantRowModel[] {
  const fromApi = new Map(api.map((participant) => [participant.identity, participant]));
  const rows = people.map((person): ParticipantRowModel => {
    const known = fromApi.get(person.identity);
    return {
      userId: known?.user_id ?? userIdOf(person.identity),
      identity: person.identity,
      name: person.name || known?.display_name || userIdOf(person.identity),
      role: parseRole(person.role) ?? known?.role ?? 'viewer',
      handRaised: hands.raised.get(person.identity)?.raised ?? false,
      isLocal: person.isLocal,
    };
  });
  return rows.sort(
    (a, b) =>
      ROLE_RANK[a.role] - ROLE_RANK[b.role] ||
      Number(b.handRaised) - Number(a.handRaised) ||
      a.name.localeCompare(b.name),
  );
}
