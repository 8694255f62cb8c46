/**
 * Mixes the audio of every publisher into one mono stream that the recording's clock pulls from.
 * Each track has a small jitter buffer: it is heard once it holds `prebufferSamples` (so network
 * jitter does not click), it is trimmed when it runs ahead of the clock by more than
 * `maxBufferSamples` (so its delay stays bounded), and silence fills in when nobody talks.
 */
interface TrackBuffer {
  chunks: Int16Array[];
  /** Read position in the first chunk. */
  offset: number;
  length: number;
  playing: boolean;
}

export class AudioMix {
  private tracks = new Map<string, TrackBuffer>();

  constructor(
    private readonly prebufferSamples = 2_880, // 60 ms at 48 kHz
    private readonly maxBufferSamples = 14_400, // 300 ms
  ) {}

  /** Mono 48 kHz samples from the track `key`. */
  push(key: string, samples: Int16Array): void {
    let track = this.tracks.get(key);
    if (!track) {
      track = { chunks: [], offset: 0, length: 0, playing: false };
      this.tracks.set(key, track);
    }
    track.chunks.push(samples);
    track.length += samples.length;
    if (track.length >= this.prebufferSamples) track.playing = true;
    if (track.length > this.maxBufferSamples)
      this.skip(track, track.length - this.prebufferSamples);
  }

  remove(key: string): void {
    this.tracks.delete(key);
  }

  get trackCount(): number {
    return this.tracks.size;
  }

  private skip(track: TrackBuffer, count: number): void {
    let left = count;
    while (left > 0 && track.chunks.length > 0) {
      const first = track.chunks[0]!;
      const available = first.length - track.offset;
      if (available <= left) {
        track.chunks.shift();
        track.offset = 0;
        left -= available;
        track.length -= available;
      } else {
        track.offset += left;
        track.length -= left;
        left = 0;
      }
    }
  }

  /** The next `count` mixed samples; tracks that ran dry wait to refill before they play again. */
  read(count: number): Int16Array {
    const out = new Int16Array(count);
    const active = [...this.tracks.values()].filter((t) => t.playing);
    if (active.length === 0) return out;
    const sum = active.length === 1 ? undefined : new Int32Array(count);
    for (const track of active) {
      let written = 0;
      while (written < count && track.chunks.length > 0) {
        const first = track.chunks[0]!;
        const n = Math.min(count - written, first.length - track.offset);
        if (sum) {
          for (let i = 0; i < n; i += 1) sum[written + i]! += first[track.offset + i]!;
        } else {
          out.set(first.subarray(track.offset, track.offset + n), written);
        }
        written += n;
        track.offset += n;
        track.length -= n;
        if (track.offset >= first.length) {
          track.chunks.shift();
          track.offset = 0;
        }
      }
      if (track.length === 0) track.playing = false;
    }
    if (sum) {
      for (let i = 0; i < count; i += 1) {
        const v = sum[i]!;
        out[i] = v > 32_767 ? 32_767 : v < -32_768 ? -32_768 : v;
      }
    }
    return out;
  }
}
