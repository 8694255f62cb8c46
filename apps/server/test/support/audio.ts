import {
  AudioFrame,
  AudioSource,
  LocalAudioTrack,
  TrackPublishOptions,
  TrackSource,
} from '@livekit/rtc-node';
import type { Room } from '@livekit/rtc-node';

/**
 * A microphone for tests: publishes a sine tone from a connected `@livekit/rtc-node` room, in
 * 10 ms frames paced by the source's own queue (it holds ~100 ms), until stopped.
 */
export async function publishSineTone(
  room: Room,
  options: { frequency?: number; amplitude?: number; sampleRate?: number } = {},
): Promise<{ stop(): Promise<void> }> {
  const frequency = options.frequency ?? 440;
  const amplitude = options.amplitude ?? 8_000;
  const sampleRate = options.sampleRate ?? 48_000;
  const source = new AudioSource(sampleRate, 1, 100);
  const track = LocalAudioTrack.createAudioTrack('tone', source);
  const publishOptions = new TrackPublishOptions();
  publishOptions.source = TrackSource.SOURCE_MICROPHONE;
  await room.localParticipant!.publishTrack(track, publishOptions);
  const perFrame = sampleRate / 100;
  let sample = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const data = new Int16Array(perFrame);
      for (let i = 0; i < perFrame; i += 1, sample += 1) {
        data[i] = Math.round(amplitude * Math.sin((2 * Math.PI * frequency * sample) / sampleRate));
      }
      // Resolves once the queue has room again: this paces the loop at real time.
      await source.captureFrame(new AudioFrame(data, sampleRate, 1, perFrame));
    }
  })().catch(() => undefined);
  return {
    stop: async () => {
      running = false;
      await loop;
      await source.close().catch(() => undefined);
    },
  };
}
