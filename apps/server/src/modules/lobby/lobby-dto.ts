import type { LobbyEntry } from '@stagecast/contracts';
import { iso } from '../sessions/session-dto.js';
import type { LobbyRow } from './lobby-repository.js';

/** A lobby row as moderators read it. */
export function toLobbyEntry(row: LobbyRow): LobbyEntry {
  return {
    user_id: row.userId,
    identity: row.identity,
    display_name: row.displayName,
    is_guest: row.identity.startsWith('guest:'),
    status: row.status,
    knocked_at: row.knockedAt.toISOString(),
    decided_at: iso(row.decidedAt),
  };
}
