import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import type { LiveCounts } from '../../metrics/instruments.js';

/**
 * Live sessions, connected participants by role and recordings in progress by backend, in one
 * round trip: the database is what every instance shares, so each reports the same numbers.
 */
export async function readLiveCounts(database: Database): Promise<LiveCounts> {
  const rows = await database.rows<{ kind: string; key: string; n: number | string }>(sql`
    select 'sessions' as kind, '' as key, count(*)::int as n
      from live_sessions where status = 'live'
    union all
    select 'participants', role, count(*)::int
      from live_participants where connected group by role
    union all
    select 'recordings', backend, count(*)::int
      from recordings where status in ('starting', 'active', 'ending') group by backend
  `);
  const counts: LiveCounts = { liveSessions: 0, participants: {}, recordings: {} };
  for (const row of rows) {
    const n = Number(row.n);
    if (row.kind === 'sessions') counts.liveSessions = n;
    else if (row.kind === 'participants') counts.participants[row.key] = n;
    else counts.recordings[row.key] = n;
  }
  return counts;
}
