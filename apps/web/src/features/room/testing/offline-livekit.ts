// Types only: this module runs inside the mock factory of 'livekit-client', so importing its
// values here would wait on the very module being built.
import type * as LiveKit from 'livekit-client';
import type { ConnectionState, DisconnectReason, Room, RoomEvent } from 'livekit-client';

type LiveKitModule = typeof LiveKit;

/** Every Room the app created under {@link offlineLiveKit}, oldest first. */
export const offlineRooms: Room[] = [];

/** While `gate` is set, a connect waits for it before it is connected (a handshake under way). */
export const offlineConnect: { gate: Promise<void> | undefined } = { gate: undefined };

/**
 * livekit-client with a Room that connects without a server, for `vi.mock('livekit-client')`:
 * the real Room, whose `connect` and `disconnect` move its state as a server would.
 */
export function offlineLiveKit(actual: LiveKitModule): LiveKitModule {
  class OfflineRoom extends actual.Room {
    constructor(...args: ConstructorParameters<typeof actual.Room>) {
      super(...args);
      offlineRooms.push(this);
      const move = (state: ConnectionState) => {
        this.state = state;
        this.emit(actual.RoomEvent.ConnectionStateChanged, state);
      };
      this.connect = async () => {
        // Private in the typings; a real connect forwards local track events to the room so.
        (this as unknown as { setupLocalParticipantEvents(): void }).setupLocalParticipantEvents();
        move(actual.ConnectionState.Connecting);
        await offlineConnect.gate;
        move(actual.ConnectionState.Connected);
      };
      this.disconnect = async () => move(actual.ConnectionState.Disconnected);
    }
  }
  return { ...actual, Room: OfflineRoom };
}

/** Lets a remote participant arrive, as LiveKit's participant update would. */
export function addRemoteParticipant(room: Room, identity: string, name: string, role: string) {
  const info = {
    sid: `PA_${identity}`,
    identity,
    name,
    metadata: '',
    attributes: { role },
    state: 1,
    tracks: [],
    dataTracks: [],
    kind: 0,
    version: 1,
  };
  // Private in the typings; the SDK calls it on every participant update from the server.
  (
    room as unknown as { handleParticipantUpdates(infos: unknown[]): void }
  ).handleParticipantUpdates([info]);
}

/** Delivers a JSON data packet on `topic`, as the API's broadcasts arrive. */
export function receiveData(room: Room, topic: string, value: unknown) {
  room.emit(
    'dataReceived' as RoomEvent.DataReceived,
    new TextEncoder().encode(JSON.stringify(value)),
    undefined,
    undefined,
    topic,
  );
}

/** The server ends the connection: the state moves to disconnected, then `Disconnected` fires. */
export function disconnectFromServer(room: Room, reason: DisconnectReason) {
  room.state = 'disconnected' as ConnectionState;
  room.emit('connectionStateChanged' as RoomEvent.ConnectionStateChanged, room.state);
  room.emit('disconnected' as RoomEvent.Disconnected, reason);
}
