import {
  LocalVideoTrack,
  TrackPublishOptions,
  TrackSource,
  VideoBufferType,
  VideoFrame,
  VideoSource,
} from '@livekit/rtc-node';
import type { Room } from '@livekit/rtc-node';

/**
 * A screen share for tests: one solid colour (easy to find again in a recording's frames),
 * 960×540 at 10 fps, from a connected `@livekit/rtc-node` room.
 */
export async function publishSolidScreenShare(
  room: Room,
  rgb: [number, number, number],
  size: { width: number; height: number } = { width: 960, height: 540 },
): Promise<{ stop(): Promise<void> }> {
  const { width, height } = size;
  const source = new VideoSource(width, height);
  const track = LocalVideoTrack.createVideoTrack('screen', source);
  const options = new TrackPublishOptions();
  options.source = TrackSource.SOURCE_SCREENSHARE;
  const publication = await room.localParticipant!.publishTrack(track, options);
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = rgb[0];
    data[i + 1] = rgb[1];
    data[i + 2] = rgb[2];
    data[i + 3] = 255;
  }
  const timer = setInterval(() => {
    source.captureFrame(new VideoFrame(data, width, height, VideoBufferType.RGBA));
  }, 100);
  return {
    stop: async () => {
      clearInterval(timer);
      await room.localParticipant!.unpublishTrack(publication.sid!);
    },
  };
}
