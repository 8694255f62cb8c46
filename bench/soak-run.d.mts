// Types of soak-run.mjs (and of what it reports), for bench/soak.ts and the soak test.
export interface SoakSample {
  /** Seconds from the start. */
  t: number;
  app: {
    rssMb: number;
    heapMb: number | null;
    fds: number;
    activeHandles: number | null;
    eventLoopP99Ms: number | null;
    eventLoopMaxMs: number | null;
    cpu: number;
  };
  dbConnections: number | null;
  livekit: { rssMb: number; cpu: number };
  /** `cpu`: this process's and the Go clients' process's (`goCpu`, `goRssMb`) if any. */
  generator: {
    rssMb: number;
    heapMb: number;
    externalMb: number;
    nodeCpu: number;
    goRssMb?: number;
    goCpu?: number;
    cpu: number;
  };
  /** LiveKit's ACTIVE participants, all it lists, and the database's connected ones. */
  participants: { livekit: number | null; livekitAll: number | null; database: number | null };
  clients: { connected: number; visits: number; ops: number };
  load1: number;
}

export interface Flatness {
  verdict: 'flat' | 'growing' | 'n/a';
  firstWindowMean?: number;
  lastWindowMean?: number;
  growth?: number;
  slopePer10Min?: number;
  bound?: number;
}

export interface OpSummary {
  count: number;
  failed: number;
  statuses: Record<string, number>;
  p50Ms: number | null;
  p99Ms: number | null;
}

export interface SoakReport {
  sessionId: string;
  churnSeconds: number;
  ops: {
    total: number;
    failed: number;
    fiveHundreds: number;
    byOp: Record<string, OpSummary>;
    firstErrors: { at: string; op: string; status: number; detail: unknown }[];
  };
  visits: number;
  /** The clients' LiveKit side (soak-livekit.mjs); for rtc-node, whether its log capture was off. */
  livekitClients: { kind: 'go' | 'rtc-node'; logCaptureOff?: boolean };
  eventLoopP99Ms: { median: number | null; p99OfSamples: number | null; max: number | null };
  meanCpuCores: { app: number | null; livekit: number | null; generator: number | null };
  participantsDuringChurn: { samples: number; agreeing: number; maxDifference: number };
  leaks: {
    settleSeconds: number;
    /** Every participant LiveKit lists (any state), and the ACTIVE ones. */
    livekit: number;
    livekitActive: number;
    database: number;
    emptyAfterMs: number | null;
    leaked: number;
  };
  flatness: Record<string, Flatness>;
  start: SoakSample | null;
  endOfChurn: SoakSample | null;
  afterSettle: SoakSample;
  samples: SoakSample[];
}

export const FLAT_RULES: Record<string, { floor: number; share: number }>;

export function runSoak(options: {
  app: {
    baseUrl: string;
    livekitUrl: string;
    pid: number;
    livekitPid: number;
    keys: { apiKey: string; apiSecret: string };
    /** The app's PostgreSQL database (for pg_stat_activity); unset on PGlite. */
    databaseUrl?: string | undefined;
  };
  clients: number;
  seconds: number;
  /** Samples before this are left out of the flatness verdicts. */
  warmupSeconds: number;
  /** The first and last windows the verdicts compare. */
  windowSeconds: number;
  settleSeconds: number;
  sampleSeconds: number;
  /** Each client's think time between actions, [min, max] ms. */
  thinkMs?: [number, number];
  /** End the settle period once both counts have been 0 this long (default: wait it all). */
  quietMs?: number;
  /** The clients' LiveKit side: Go (bench/viewers churn, the default) or @livekit/rtc-node. */
  livekitClients?: 'go' | 'rtc-node';
  log?: (message: string) => void;
}): Promise<SoakReport>;
