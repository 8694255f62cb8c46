import {
  AudioStream,
  RoomEvent,
  TrackKind,
  TrackSource,
  VideoBufferType,
  VideoStream,
} from '@livekit/rtc-node';
import type {
  AudioFrame,
  RemoteParticipant,
  RemoteTrack,
  RemoteTrackPublication,
  Room,
  VideoFrame,
  VideoFrameEvent,
} from '@livekit/rtc-node';
import { AudioMix } from './audio-mix.js';
import { AUDIO_SAMPLE_RATE } from './encoder.js';
import { pickStage } from './stage.js';
import type { I420Picture, StageSource } from './stage.js';

interface VideoEntry {
  kind: StageSource['kind'];
  reader: ReadableStreamDefaultReader<VideoFrameEvent>;
  latest: VideoFrame | undefined;
  version: number;
  receivedAt: number;
  picture: I420Picture | undefined;
  pictureVersion: number;
}

/** A camera that sent nothing for this long (muted, frozen) leaves the stage. */
const STALE_MS = 3_000;

function toI420(frame: VideoFrame): I420Picture {
  const i420 = frame.type === VideoBufferType.I420 ? frame : frame.convert(VideoBufferType.I420);
  return { width: i420.width, height: i420.height, data: i420.data };
}

/**
 * What the recorder hears and sees in a room: every camera and screen share it is subscribed to
 * (the newest picture of each) and every publisher's audio, mixed (`audio-mix.ts`). The recorder
 * asks for the stage's sources and the mixed samples at its own pace.
 */
export class RoomInputs {
  private readonly videos = new Map<string, VideoEntry>();
  private readonly audios = new Map<string, ReadableStreamDefaultReader<AudioFrame>>();
  private readonly mix = new AudioMix();

  /** Follows the room's subscriptions from now on. */
  listen(room: Room): void {
    room
      .on(RoomEvent.TrackSubscribed, (track, publication, participant) =>
        this.add(track, publication, participant),
      )
      .on(RoomEvent.TrackUnsubscribed, (_track, publication) => this.remove(publication.sid ?? ''));
  }

  /** The next `count` samples of the mix (silence where nobody spoke). */
  readAudio(count: number): Int16Array {
    return this.mix.read(count);
  }

  /** The sources to draw now, their pictures converted to I420 only when they changed. */
  stageSources(): StageSource[] {
    const now = performance.now();
    const candidates = [...this.videos.entries()]
      .filter(([, e]) => e.latest && now - e.receivedAt < STALE_MS)
      .map(([key, entry]) => ({ key, kind: entry.kind, entry }));
    return pickStage(candidates).map(({ key, kind, entry }) => {
      if (entry.pictureVersion !== entry.version) {
        entry.picture = toI420(entry.latest!);
        entry.pictureVersion = entry.version;
      }
      return { key, kind, picture: entry.picture!, version: entry.pictureVersion };
    });
  }

  /** Stops reading every track. */
  close(): void {
    for (const sid of [...this.videos.keys(), ...this.audios.keys()]) this.remove(sid);
  }

  private add(
    track: RemoteTrack,
    publication: RemoteTrackPublication,
    participant: RemoteParticipant,
  ): void {
    const sid = publication.sid ?? track.sid ?? `${participant.identity}:${this.videos.size}`;
    if (track.kind === TrackKind.KIND_VIDEO) {
      const kind =
        publication.source === TrackSource.SOURCE_SCREENSHARE
          ? 'screen_share'
          : publication.source === TrackSource.SOURCE_CAMERA
            ? 'camera'
            : undefined;
      if (!kind) return;
      const reader = new VideoStream(track).getReader();
      const entry: VideoEntry = {
        kind,
        reader,
        latest: undefined,
        version: 0,
        receivedAt: 0,
        picture: undefined,
        pictureVersion: -1,
      };
      this.videos.set(sid, entry);
      void this.readVideo(entry);
    } else if (track.kind === TrackKind.KIND_AUDIO) {
      const reader = new AudioStream(track, {
        sampleRate: AUDIO_SAMPLE_RATE,
        numChannels: 1,
      }).getReader();
      this.audios.set(sid, reader);
      void this.readAudioTrack(sid, reader);
    }
  }

  private async readVideo(entry: VideoEntry): Promise<void> {
    try {
      for (;;) {
        const { done, value } = await entry.reader.read();
        if (done) return;
        entry.latest = value.frame;
        entry.version += 1;
        entry.receivedAt = performance.now();
      }
    } catch {
      // The track went away: `remove` has dropped it.
    }
  }

  private async readAudioTrack(
    sid: string,
    reader: ReadableStreamDefaultReader<AudioFrame>,
  ): Promise<void> {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        this.mix.push(sid, value.data);
      }
    } catch {
      // The track went away.
    }
  }

  private remove(sid: string): void {
    const video = this.videos.get(sid);
    if (video) {
      this.videos.delete(sid);
      video.reader.cancel().catch(() => undefined);
    }
    const audio = this.audios.get(sid);
    if (audio) {
      this.audios.delete(sid);
      this.mix.remove(sid);
      audio.cancel().catch(() => undefined);
    }
  }
}
