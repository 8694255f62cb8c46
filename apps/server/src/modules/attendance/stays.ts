/**
 * The interval algebra of attendance, on plain milliseconds: connections → stays (reconnects
 * within the merge window joined into one), the peak of people present at once, and the
 * timeline the report draws. Pure, so the rules are tested without a server.
 */

/** One LiveKit connection: when it joined and left (null: not left, as far as we know). */
export interface Connection {
  joinedAt: number;
  leftAt: number | null;
}

/** A visit: connections less than the merge window apart. */
export interface Stay {
  joinedAt: number;
  /** The last connection's end, or `until` for one still open. */
  leftAt: number;
  /** Still there: the session is live and a connection of the stay has not left. */
  open: boolean;
  /** Time actually connected: the union of the connections, the gaps left out. */
  connectedMs: number;
}

export interface StayOptions {
  /** Two connections whose gap (leave → join) is at most this are one stay. */
  windowMs: number;
  /**
   * Nothing counts after this: the session's end (open connections are closed there), or now
   * while it is live (open connections run until now and are reported open).
   */
  until: number;
  live: boolean;
}

/** The stays of one person, in time order. */
export function mergeStays(connections: readonly Connection[], options: StayOptions): Stay[] {
  const { windowMs, until, live } = options;
  const pieces = connections
    .filter((c) => c.joinedAt <= until)
    .map((c) => {
      const end = Math.min(c.leftAt ?? until, until);
      return { start: c.joinedAt, end: Math.max(end, c.joinedAt), open: live && c.leftAt === null };
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);

  const stays: Stay[] = [];
  let current: (Stay & { coveredUntil: number }) | undefined;
  for (const piece of pieces) {
    if (current && piece.start - current.leftAt <= windowMs) {
      current.connectedMs += Math.max(0, piece.end - Math.max(piece.start, current.coveredUntil));
      current.coveredUntil = Math.max(current.coveredUntil, piece.end);
      current.leftAt = Math.max(current.leftAt, piece.end);
      current.open ||= piece.open;
      continue;
    }
    current = {
      joinedAt: piece.start,
      leftAt: piece.end,
      open: piece.open,
      connectedMs: piece.end - piece.start,
      coveredUntil: piece.end,
    };
    stays.push(current);
  }
  return stays.map(({ joinedAt, leftAt, open, connectedMs }) => ({
    joinedAt,
    leftAt,
    open,
    connectedMs,
  }));
}

/** A step of the timeline: `count` people present from `at` on. */
export interface Point {
  at: number;
  count: number;
}

/**
 * How many people were present over time, from everyone's stays: one point per moment the
 * count changed. A leave and a join at the same moment are one change (nobody was counted
 * twice), and a stay still open does not end.
 */
export function timeline(stays: readonly Stay[]): Point[] {
  const deltas = new Map<number, number>();
  const add = (at: number, d: number) => deltas.set(at, (deltas.get(at) ?? 0) + d);
  for (const stay of stays) {
    add(stay.joinedAt, 1);
    if (!stay.open) add(stay.leftAt, -1);
  }
  const points: Point[] = [];
  let count = 0;
  for (const at of [...deltas.keys()].sort((a, b) => a - b)) {
    const d = deltas.get(at)!;
    if (d === 0) continue;
    count += d;
    points.push({ at, count });
  }
  return points;
}

/** The most people present at once, and the first moment it was reached (null when nobody came). */
export function peak(points: readonly Point[]): { count: number; at: number | null } {
  let best: { count: number; at: number | null } = { count: 0, at: null };
  for (const p of points) if (p.count > best.count) best = { count: p.count, at: p.at };
  return best;
}
