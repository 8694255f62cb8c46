// A synthetic publisher for the benches: a textured 4:2:0 picture with motion and fresh noise,
// and a 440 Hz tone, published through @livekit/rtc-node (passed in as `rtc`).
import { clearInterval, setInterval } from 'node:timers';

/**
 * A synthetic 720p publisher in this process, at 30 fps: a textured picture (like a camera's,
 * which x264 finds harder than flat colour) with a moving bar and a moving block of fresh noise,
 * so every frame has new detail to encode; and a 440 Hz tone.
 */
export async function publishSynthetic(rtc, url, token, { width, height, fps }) {
  const room = new rtc.Room();
  await room.connect(url, token, { autoSubscribe: false, dynacast: false });
  const source = new rtc.VideoSource(width, height);
  const track = rtc.LocalVideoTrack.createVideoTrack('bench-camera', source);
  const options = new rtc.TrackPublishOptions();
  options.source = rtc.TrackSource.SOURCE_CAMERA;
  await room.localParticipant.publishTrack(track, options);

  const lumaSize = width * height;
  const background = new Uint8Array(lumaSize);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const texture = ((x * 7) ^ (y * 13)) & 31;
      background[y * width + x] = (40 + ((y * 140) / height + texture + Math.random() * 12)) | 0;
    }
  }
  const data = new Uint8Array((lumaSize * 3) / 2);
  data.set(background);
  data.fill(110, lumaSize, lumaSize * 1.25);
  data.fill(150, lumaSize * 1.25);
  const bar = 80;
  const block = 256;
  let tick = 0;
  const restore = (x0, y0, w, h) => {
    for (let y = y0; y < Math.min(height, y0 + h); y += 1) {
      const row = y * width;
      data.set(background.subarray(row + x0, row + Math.min(width, x0 + w)), row + x0);
    }
  };
  const timer = setInterval(() => {
    const barX = (tick * 8) % width;
    const blockX = (tick * 6) % (width - block);
    const blockY = Math.abs(((tick * 4) % (2 * (height - block))) - (height - block));
    restore(barX, 0, bar, height);
    restore(blockX, blockY, block, block);
    tick += 1;
    const nextBar = (tick * 8) % width;
    const nextX = (tick * 6) % (width - block);
    const nextY = Math.abs(((tick * 4) % (2 * (height - block))) - (height - block));
    for (let y = 0; y < height; y += 1) {
      data.fill(235, y * width + nextBar, y * width + Math.min(width, nextBar + bar));
    }
    for (let y = nextY; y < nextY + block; y += 1) {
      for (let x = nextX; x < nextX + block; x += 1)
        data[y * width + x] = (Math.random() * 255) | 0;
    }
    source.captureFrame(new rtc.VideoFrame(data, width, height, rtc.VideoBufferType.I420));
  }, 1000 / fps);

  const audio = new rtc.AudioSource(48_000, 1, 100);
  const audioTrack = rtc.LocalAudioTrack.createAudioTrack('bench-tone', audio);
  const audioOptions = new rtc.TrackPublishOptions();
  audioOptions.source = rtc.TrackSource.SOURCE_MICROPHONE;
  await room.localParticipant.publishTrack(audioTrack, audioOptions);
  let running = true;
  let n = 0;
  const tone = (async () => {
    while (running) {
      const pcm = new Int16Array(480);
      for (let i = 0; i < pcm.length; i += 1, n += 1) {
        pcm[i] = Math.round(6000 * Math.sin((2 * Math.PI * 440 * n) / 48_000));
      }
      await audio.captureFrame(new rtc.AudioFrame(pcm, 48_000, 1, pcm.length));
    }
  })().catch(() => undefined);

  return {
    stop: async () => {
      clearInterval(timer);
      running = false;
      await tone;
      await room.disconnect();
    },
  };
}
