import { FakeMediaStreamTrack } from './fake-media-stream-track.js';

export interface FakeDevice {
  kind: MediaDeviceKind;
  deviceId: string;
  label: string;
}

/**
 * `navigator.mediaDevices` for tests, behaving like Chromium: before a permission is granted,
 * devices are listed without ids or labels; getUserMedia grants it (or fails like the browser
 * would) and hands out live tracks. Every getUserMedia call is recorded.
 */
export class FakeMediaDevices extends EventTarget {
  granted = false;
  /** When set, getUserMedia fails with this DOMException name (e.g. `NotAllowedError`). */
  failWith: string | undefined;
  readonly getUserMediaCalls: MediaStreamConstraints[] = [];
  readonly issuedTracks: FakeMediaStreamTrack[] = [];

  constructor(private devices: FakeDevice[] = defaultDevices()) {
    super();
  }

  async enumerateDevices(): Promise<MediaDeviceInfo[]> {
    return this.devices.map((device) => {
      const shown = this.granted ? device : { ...device, deviceId: '', label: '' };
      return { ...shown, groupId: '', toJSON: () => shown };
    });
  }

  async getUserMedia(constraints: MediaStreamConstraints = {}): Promise<MediaStream> {
    this.getUserMediaCalls.push(constraints);
    if (this.failWith) throw new DOMException('getUserMedia failed', this.failWith);
    const kinds = (['audio', 'video'] as const).filter((kind) => constraints[kind]);
    const missing = kinds.find(
      (kind) => !this.devices.some((device) => device.kind === `${kind}input`),
    );
    if (missing) throw new DOMException('Requested device not found', 'NotFoundError');
    this.granted = true;
    const tracks = kinds.map((kind) => new FakeMediaStreamTrack(kind, `${kind} device`));
    this.issuedTracks.push(...tracks);
    return fakeStream(tracks);
  }

  /** Simulates plugging a device in: the browser fires `devicechange`. */
  plug(device: FakeDevice): void {
    this.devices = [...this.devices, device];
    this.dispatchEvent(new Event('devicechange'));
  }

  /** Installs this object as `navigator.mediaDevices`; returns the undo. */
  install(): () => void {
    Object.defineProperty(navigator, 'mediaDevices', { value: this, configurable: true });
    return () => {
      Reflect.deleteProperty(navigator, 'mediaDevices');
    };
  }
}

/** A MediaStream stand-in: happy-dom's lacks getTracks. */
function fakeStream(tracks: FakeMediaStreamTrack[]): MediaStream {
  const all = tracks.map((track) => track.asTrack());
  return {
    id: crypto.randomUUID(),
    active: true,
    getTracks: () => [...all],
    getAudioTracks: () => all.filter((track) => track.kind === 'audio'),
    getVideoTracks: () => all.filter((track) => track.kind === 'video'),
  } as unknown as MediaStream;
}

export function defaultDevices(): FakeDevice[] {
  return [
    { kind: 'audioinput', deviceId: 'mic-1', label: 'Built-in Microphone' },
    { kind: 'audioinput', deviceId: 'mic-2', label: 'USB Headset' },
    { kind: 'videoinput', deviceId: 'cam-1', label: 'FaceTime HD Camera' },
    { kind: 'audiooutput', deviceId: 'spk-1', label: 'Built-in Speakers' },
  ];
}
