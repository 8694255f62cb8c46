interface FakeSource {
  stream: MediaStream;
  connected: boolean;
  connect: (node: { input?: FakeSource }) => void;
  disconnect: () => void;
}

/**
 * Web Audio stand-ins for tests: an AudioContext whose analysers report a constant signal (the
 * amplitude set for the track they listen to, else `amplitude`), and a manual animation-frame
 * queue, so a test decides when a frame runs.
 */
export class FakeAudioContext {
  static readonly instances: FakeAudioContext[] = [];
  /** The constant sample value analysers report for tracks without one of their own. */
  static amplitude = 0;
  static readonly amplitudes = new WeakMap<MediaStreamTrack, number>();

  state: AudioContextState = 'running';
  readonly sources: FakeSource[] = [];

  constructor() {
    FakeAudioContext.instances.push(this);
  }

  createMediaStreamSource(stream: MediaStream): FakeSource {
    const source: FakeSource = {
      stream,
      connected: false,
      connect: (node) => {
        node.input = source;
        source.connected = true;
      },
      disconnect: () => {
        source.connected = false;
      },
    };
    this.sources.push(source);
    return source;
  }

  createAnalyser() {
    const analyser: { input?: FakeSource } & Record<string, unknown> = {
      fftSize: 2048,
      getFloatTimeDomainData: (samples: Float32Array) => {
        const track = analyser.input?.stream.getAudioTracks()[0];
        samples.fill(
          (track && FakeAudioContext.amplitudes.get(track)) ?? FakeAudioContext.amplitude,
        );
      },
      // livekit-client's silence check reads bytes; 128 is silence.
      getByteTimeDomainData: (samples: Uint8Array) => samples.fill(128),
    };
    return analyser;
  }

  async close(): Promise<void> {
    this.state = 'closed';
  }
}

export class FrameQueue {
  private next = 1;
  private readonly pending = new Map<number, FrameRequestCallback>();

  readonly request = (callback: FrameRequestCallback): number => {
    const id = this.next++;
    this.pending.set(id, callback);
    return id;
  };

  readonly cancel = (id: number): void => {
    this.pending.delete(id);
  };

  get size(): number {
    return this.pending.size;
  }

  /** Runs the frames requested so far (not those they request in turn). */
  run(): void {
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const callback of due) callback(performance.now());
  }
}
