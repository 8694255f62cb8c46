/**
 * happy-dom's MediaStream, given the track list it lacks, for attaching tracks to elements in
 * tests (`vi.stubGlobal('MediaStream', TrackList)`).
 */
export class TrackList extends MediaStream {
  private list: MediaStreamTrack[];
  constructor(tracks: MediaStreamTrack[] = []) {
    super();
    this.list = [...tracks];
  }
  override getTracks = () => [...this.list];
  override getVideoTracks = () => this.list.filter((track) => track.kind === 'video');
  override getAudioTracks = () => this.list.filter((track) => track.kind === 'audio');
}
