import type { AttendanceReport, Attendee } from '@stagecast/contracts';
import type { SessionRow } from '../sessions/session-repository.js';
import type { AttendanceRepository, IntervalRow } from './attendance-repository.js';
import { mergeStays, peak, timeline } from './stays.js';
import type { Stay } from './stays.js';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The attendance of one session: per person their stays (reconnects within `mergeWindowMs`
 * merged), first join, last leave, number of stays, time connected and role; for the session
 * the people present over time and its peak. An ended session counts nothing after its end
 * (whoever was still inside is closed there); a live one counts open connections until `now`.
 */
export async function getAttendanceReport(options: {
  attendance: AttendanceRepository;
  session: SessionRow;
  mergeWindowMs: number;
  now?: Date;
}): Promise<Omit<AttendanceReport, 'polls' | 'questions'>> {
  const { session, mergeWindowMs } = options;
  const now = (options.now ?? new Date()).getTime();
  const live = session.status !== 'ended';
  const until = live ? now : (session.endedAt?.getTime() ?? now);
  const rows = await options.attendance.listForSession(session.sessionId);
  const roles = await options.attendance.rolesNow(session.sessionId);
  const byIdentity = new Map<string, IntervalRow[]>();
  for (const row of rows)
    byIdentity.set(row.identity, [...(byIdentity.get(row.identity) ?? []), row]);
  const everyone: Stay[] = [];
  const attendees: Attendee[] = [];
  for (const [identity, connections] of byIdentity) {
    const stays = mergeStays(
      connections.map((c) => ({
        joinedAt: c.joinedAt.getTime(),
        leftAt: c.leftAt?.getTime() ?? null,
      })),
      { windowMs: mergeWindowMs, until, live },
    );
    if (stays.length === 0) continue;
    everyone.push(...stays);
    attendees.push(attendee(identity, connections, stays, roles.get(identity)));
  }
  attendees.sort((a, b) => a.first_join.localeCompare(b.first_join));
  const points = timeline(everyone);
  const top = peak(points);
  return {
    session: {
      session_id: session.sessionId,
      title: session.title,
      status: session.status,
      started_at: session.startedAt?.toISOString() ?? null,
      ended_at: session.endedAt?.toISOString() ?? null,
    },
    merge_window_seconds: mergeWindowMs / 1000,
    peak: { count: top.count, at: top.at === null ? null : iso(top.at) },
    attendees,
    timeline: points.map((p) => ({ at: iso(p.at), count: p.count })),
  };
}

function attendee(
  identity: string,
  connections: IntervalRow[],
  stays: Stay[],
  role: IntervalRow['role'] | undefined,
): Attendee {
  // The name they last joined with; the role they ended with (a promotion mid-stay counts).
  const latest = connections.reduce((a, b) => (b.joinedAt > a.joinedAt ? b : a));
  const last = stays[stays.length - 1]!;
  return {
    user_id: latest.userId,
    identity,
    display_name: latest.displayName,
    role: role ?? latest.role,
    first_join: iso(stays[0]!.joinedAt),
    last_leave: last.open ? null : iso(last.leftAt),
    joins: stays.length,
    total_seconds: Math.round(stays.reduce((sum, s) => sum + s.connectedMs, 0) / 1000),
    stays: stays.map((s) => ({
      joined_at: iso(s.joinedAt),
      left_at: s.open ? null : iso(s.leftAt),
    })),
  };
}
