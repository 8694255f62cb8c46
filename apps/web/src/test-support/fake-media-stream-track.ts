/**
 * A browser MediaStreamTrack stand-in for tests: an EventTarget with the fields livekit-client
 * and our hooks read. happy-dom has the class but no way to construct one outside a capture.
 */
export class FakeMediaStreamTrack extends EventTarget {
  readonly id = crypto.randomUUID();
  enabled = true;
  muted = false;
  readyState: 'live' | 'ended' = 'live';
  contentHint = '';
  onended = null;
  onmute = null;
  onunmute = null;
  private constraints: MediaTrackConstraints = {};

  constructor(
    readonly kind: 'audio' | 'video',
    readonly label = '',
    private readonly deviceId = 'default',
  ) {
    super();
  }

  stop(): void {
    this.readyState = 'ended';
  }

  getSettings(): MediaTrackSettings {
    return { deviceId: this.deviceId, ...(this.constraints as MediaTrackSettings) };
  }

  getConstraints(): MediaTrackConstraints {
    return this.constraints;
  }

  getCapabilities(): MediaTrackCapabilities {
    return {};
  }

  async applyConstraints(constraints: MediaTrackConstraints = {}): Promise<void> {
    this.constraints = { ...constraints };
  }

  clone(): FakeMediaStreamTrack {
    return new FakeMediaStreamTrack(this.kind, this.label, this.deviceId);
  }

  /** This object typed as the DOM interface it stands in for. */
  asTrack(): MediaStreamTrack {
    return this;
  }
}
