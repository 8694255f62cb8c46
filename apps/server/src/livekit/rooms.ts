import type { SessionRole } from '@stagecast/contracts';
import {
  DataPacket_Kind,
  ParticipantInfo_State,
  ServerError,
  TrackSource,
} from 'livekit-server-sdk';
import type { ParticipantInfo, RoomServiceClient } from 'livekit-server-sdk';
import { AppError } from '../errors.js';
import { permissionForRole } from './grants.js';
import { setRoomRecordingFlag } from './room-metadata.js';

/**
 * Room operations the modules need, over LiveKit's RoomService. Errors a caller cannot act on
 * ("that participant already left") are absorbed here, so modules only see real failures.
 */

export class LivekitUnavailableError extends Error {
  constructor(operation: string, cause: unknown) {
    super(`LiveKit did not answer ${operation}: ${(cause as Error)?.message ?? String(cause)}`, {
      cause,
    });
    this.name = 'LivekitUnavailableError';
  }
}

/**
 * For `.catch()` on a room operation: LiveKit not answering becomes the API's 503
 * (`DEPENDENCY_UNAVAILABLE`); anything else is rethrown as it is.
 */
export function orLivekitUnavailable(err: unknown): never {
  if (err instanceof LivekitUnavailableError) {
    throw new AppError(
      'DEPENDENCY_UNAVAILABLE',
      'LiveKit is not reachable: try again shortly',
      undefined,
      { cause: err, reason: 'livekit_unavailable' },
    );
  }
  throw err;
}

function isNotFound(err: unknown): boolean {
  return err instanceof ServerError && (err.status === 404 || err.code === 'not_found');
}

async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ServerError && err.status < 500 && !isNotFound(err)) throw err;
    if (isNotFound(err)) throw err;
    throw new LivekitUnavailableError(operation, err);
  }
}

const SOURCE: Record<'microphone' | 'camera' | 'screen_share', TrackSource[]> = {
  microphone: [TrackSource.MICROPHONE],
  camera: [TrackSource.CAMERA],
  screen_share: [TrackSource.SCREEN_SHARE, TrackSource.SCREEN_SHARE_AUDIO],
};

export interface ConnectedParticipant {
  identity: string;
  sid: string;
  /** Hidden participants (a recorder) are not people in the room. */
  hidden: boolean;
  /** When this connection joined (LiveKit's milliseconds), if LiveKit said. */
  joinedAt?: Date | undefined;
  /**
   * Its media is connected (LiveKit's `ACTIVE`): only then does LiveKit send
   * `participant_joined`, and a connection that never gets there ends with
   * `participant_connection_aborted`, not `participant_left`.
   */
  active?: boolean;
}

export function roomControl(rooms: RoomServiceClient) {
  return {
    /** Creates the room (idempotent: an existing room is returned as it is). */
    async create(name: string, metadata: string): Promise<void> {
      await call('CreateRoom', () =>
        rooms.createRoom({ name, metadata, emptyTimeout: 10 * 60, departureTimeout: 20 }),
      );
    },
    /**
     * Asks LiveKit to host an existing room on a node that is alive: a room whose node died is
     * still listed (LiveKit's Redis keeps it) but answers nothing until a node takes it again,
     * which CreateRoom does once the dead node's stats are 5 s old. On a live node it stays where
     * it is; its metadata is left as it is (an empty one is not written).
     */
    async place(name: string): Promise<void> {
      await call('CreateRoom', () =>
        rooms.createRoom({ name, emptyTimeout: 10 * 60, departureTimeout: 20 }),
      );
    },
    /**
     * Creates a short-lived private room (the connection check's): at most `maxParticipants`,
     * closed `emptyTimeout` seconds after creation if nobody came, and `departureTimeout`
     * seconds after the last one left.
     */
    async createLimited(
      name: string,
      limits: { maxParticipants: number; emptyTimeout: number; departureTimeout: number },
    ): Promise<void> {
      await call('CreateRoom', () => rooms.createRoom({ name, ...limits }));
    },
    /** Closes the room, disconnecting every client; a room already gone is fine. */
    async close(name: string): Promise<void> {
      try {
        await call('DeleteRoom', () => rooms.deleteRoom(name));
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    },
    /** Room names that exist now. */
    async list(): Promise<Set<string>> {
      const list = await call('ListRooms', () => rooms.listRooms());
      return new Set(list.map((r) => r.name));
    },
    /** Who is connected, or `undefined` when the room does not exist. */
    async participants(name: string): Promise<ConnectedParticipant[] | undefined> {
      try {
        const list: ParticipantInfo[] = await call('ListParticipants', () =>
          rooms.listParticipants(name),
        );
        return list.map((p) => ({
          identity: p.identity,
          sid: p.sid,
          hidden: p.permission?.hidden ?? false,
          joinedAt: p.joinedAtMs > 0n ? new Date(Number(p.joinedAtMs)) : undefined,
          active: p.state === ParticipantInfo_State.ACTIVE,
        }));
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },
    /** Disconnects the identity; returns false when it was not connected. */
    async remove(name: string, identity: string): Promise<boolean> {
      try {
        await call('RemoveParticipant', () => rooms.removeParticipant(name, identity));
        return true;
      } catch (err) {
        if (isNotFound(err)) return false;
        throw err;
      }
    },
    /** Applies a role to a connected client: its permissions and the `role` attribute others see. */
    async applyRole(name: string, identity: string, role: SessionRole): Promise<boolean> {
      try {
        await call('UpdateParticipant', () =>
          rooms.updateParticipant(name, identity, {
            permission: permissionForRole(role),
            attributes: { role },
          }),
        );
        return true;
      } catch (err) {
        if (isNotFound(err)) return false;
        throw err;
      }
    },
    /** Mutes every published track of that source; returns how many. */
    async mute(
      name: string,
      identity: string,
      source: 'microphone' | 'camera' | 'screen_share',
    ): Promise<number> {
      let info: ParticipantInfo;
      try {
        info = await call('GetParticipant', () => rooms.getParticipant(name, identity));
      } catch (err) {
        if (isNotFound(err)) return 0;
        throw err;
      }
      const tracks = info.tracks.filter((t) => SOURCE[source].includes(t.source) && !t.muted);
      for (const track of tracks) {
        await call('MutePublishedTrack', () =>
          rooms.mutePublishedTrack(name, identity, track.sid, true),
        );
      }
      return tracks.length;
    },
    /** Sends a reliable data packet to everyone in the room on `topic`. */
    async broadcast(name: string, topic: string, payload: unknown): Promise<void> {
      const data = new TextEncoder().encode(JSON.stringify(payload));
      try {
        await call('SendData', () =>
          rooms.sendData(name, data, DataPacket_Kind.RELIABLE, { topic }),
        );
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    },
    /**
     * Sends a reliable data packet on `topic` to those `identities` only (absent ones are
     * skipped by LiveKit); nothing is sent when the list is empty.
     */
    async sendTo(
      name: string,
      topic: string,
      payload: unknown,
      identities: string[],
    ): Promise<void> {
      if (identities.length === 0) return;
      const data = new TextEncoder().encode(JSON.stringify(payload));
      try {
        await call('SendData', () =>
          rooms.sendData(name, data, DataPacket_Kind.RELIABLE, {
            topic,
            destinationIdentities: identities,
          }),
        );
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    },
    /**
     * Sets `recording` in the room's metadata, which clients show; returns false when the room
     * does not exist (the session ended meanwhile).
     */
    async setRecordingFlag(name: string, recording: boolean): Promise<boolean> {
      return call('UpdateRoomMetadata', () => setRoomRecordingFlag(rooms, name, recording));
    },
  };
}
export type RoomControl = ReturnType<typeof roomControl>;
