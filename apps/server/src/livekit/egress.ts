import {
  EgressClient,
  EgressStatus,
  EncodedFileOutput,
  EncodedFileType,
  S3Upload,
  ServerError,
} from 'livekit-server-sdk';
import type { EgressInfo } from 'livekit-server-sdk';
import type { Config, RecordingConfig } from '../config.js';
import type { LivekitKeys } from './keys.js';

/**
 * LiveKit Egress for recordings (SPEC §4): a room composite of the session's room to an MP4,
 * on a disk Egress shares with us or in S3-compatible storage. The output name is made from the
 * recording id alone: nothing a user typed reaches Egress.
 */

export class EgressUnavailableError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'EgressUnavailableError';
  }
}

/** What the modules need of an egress, in our own terms. */
export interface EgressState {
  egressId: string;
  roomName: string;
  status: 'starting' | 'active' | 'ending' | 'complete' | 'failed';
  startedAt: Date | undefined;
  endedAt: Date | undefined;
  durationMs: number | undefined;
  sizeBytes: number | undefined;
  location: string | undefined;
  error: string | undefined;
}

const STATUS: Record<EgressStatus, EgressState['status']> = {
  [EgressStatus.EGRESS_STARTING]: 'starting',
  [EgressStatus.EGRESS_ACTIVE]: 'active',
  [EgressStatus.EGRESS_ENDING]: 'ending',
  [EgressStatus.EGRESS_COMPLETE]: 'complete',
  [EgressStatus.EGRESS_FAILED]: 'failed',
  [EgressStatus.EGRESS_ABORTED]: 'failed',
  // The file up to the limit is complete and playable.
  [EgressStatus.EGRESS_LIMIT_REACHED]: 'complete',
};

const fromNanos = (ns: bigint | undefined): Date | undefined =>
  ns && ns > 0n ? new Date(Number(ns / 1_000_000n)) : undefined;

/** An egress as webhooks and the Egress API report it. */
export function egressStateOf(info: EgressInfo): EgressState {
  const file = info.fileResults[0];
  const status = STATUS[info.status] ?? 'failed';
  return {
    egressId: info.egressId,
    roomName: info.roomName,
    status,
    startedAt: fromNanos(info.startedAt),
    endedAt: fromNanos(info.endedAt),
    durationMs: file && file.duration > 0n ? Number(file.duration / 1_000_000n) : undefined,
    sizeBytes: file && file.size > 0n ? Number(file.size) : undefined,
    location: file?.location || file?.filename || undefined,
    error:
      info.error ||
      (info.status === EgressStatus.EGRESS_ABORTED ? 'egress was aborted' : undefined) ||
      (info.status === EgressStatus.EGRESS_LIMIT_REACHED ? 'egress time limit reached' : undefined),
  };
}

function apiUrl(config: Config): string {
  if (config.livekit.mode === 'external') return config.livekit.url.replace(/^ws(s?):/, 'http$1:');
  return `http://127.0.0.1:${config.livekit.port}`;
}

async function call<T>(
  operation: string,
  timeoutSeconds: number,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ServerError) {
      throw new EgressUnavailableError(
        `LiveKit Egress did not ${operation}: ${err.code ?? err.status}: ${err.message}`,
        err,
      );
    }
    const name = (err as Error)?.name;
    const timedOut = name === 'TimeoutError' || name === 'AbortError';
    throw new EgressUnavailableError(
      timedOut
        ? `LiveKit Egress did not ${operation} within ${timeoutSeconds} s: is an egress service running and connected to LiveKit?`
        : `LiveKit Egress did not ${operation}: ${(err as Error)?.message ?? String(err)}`,
      err,
    );
  }
}

/** Where an egress writes `<recordingId>.mp4`: S3 when configured, else the shared folder. */
function fileOutput(recording: RecordingConfig, defaultDir: string, id: string) {
  const name = `${id}.mp4`;
  if (recording.s3) {
    const s3 = recording.s3;
    return {
      storage: 's3' as const,
      location: `s3://${s3.bucket}/recordings/${name}`,
      output: new EncodedFileOutput({
        fileType: EncodedFileType.MP4,
        filepath: `recordings/${name}`,
        output: {
          case: 's3',
          value: new S3Upload({
            bucket: s3.bucket,
            region: s3.region ?? '',
            endpoint: s3.endpoint ?? '',
            accessKey: s3.accessKey,
            secret: s3.secret,
            forcePathStyle: s3.forcePathStyle,
          }),
        },
      }),
    };
  }
  const dir = (recording.egressDir ?? defaultDir).replace(/\/+$/, '');
  return {
    storage: 'file' as const,
    location: `${dir}/${name}`,
    output: new EncodedFileOutput({ fileType: EncodedFileType.MP4, filepath: `${dir}/${name}` }),
  };
}

/** LiveKit Egress as the recordings module uses it. */
export interface EgressBackend {
  /** Starts a room composite of `room` into `<recordingId>.mp4`. */
  start(
    room: string,
    recordingId: string,
  ): Promise<{ state: EgressState; storage: 's3' | 'file'; location: string }>;
  stop(egressId: string): Promise<EgressState>;
  /** The egress as LiveKit knows it now, or undefined when it does not know it. */
  get(egressId: string): Promise<EgressState | undefined>;
}

export function egressControl(
  config: Config,
  keys: LivekitKeys,
  defaultDir: string,
): EgressBackend {
  const timeout = config.recording.egressTimeoutSeconds;
  const client = new EgressClient(apiUrl(config), keys.apiKey, keys.apiSecret, {
    requestTimeout: timeout,
  });
  return {
    async start(room, recordingId) {
      const { storage, location, output } = fileOutput(config.recording, defaultDir, recordingId);
      const info = await call('start', timeout, () =>
        client.startRoomCompositeEgress(room, { file: output }, { layout: 'speaker' }),
      );
      return { state: egressStateOf(info), storage, location };
    },
    async stop(egressId) {
      return egressStateOf(await call('stop', timeout, () => client.stopEgress(egressId)));
    },
    async get(egressId) {
      const [info] = await call('answer', timeout, () => client.listEgress({ egressId }));
      return info ? egressStateOf(info) : undefined;
    },
  };
}
