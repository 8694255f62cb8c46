import { levelFromSamples } from './volume-level.js';

/** An audio track's level, measured on demand through a Web Audio AnalyserNode. */
export interface LevelProbe {
  context: AudioContext;
  /** The level (0..1, see `levelFromSamples`) of the latest window of samples. */
  read(): number;
  /** Disconnects the track and closes the context: browsers cap how many a page keeps open. */
  close(): void;
}

/** Opens an AudioContext on `track` with an analyser of `fftSize` samples per window. */
export function openLevelProbe(track: MediaStreamTrack, fftSize: number): LevelProbe {
  const context = new AudioContext();
  const input = context.createMediaStreamSource(new MediaStream([track]));
  const analyser = context.createAnalyser();
  analyser.fftSize = fftSize;
  input.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  return {
    context,
    read: () => {
      analyser.getFloatTimeDomainData(samples);
      return levelFromSamples(samples);
    },
    close: () => {
      input.disconnect();
      void context.close().catch(() => undefined);
    },
  };
}
