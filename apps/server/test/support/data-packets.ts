import type { Room } from '@livekit/rtc-node';
import { RoomEvent } from '@livekit/rtc-node';

/** A data packet a client received: its topic, who sent it (none: the server) and its JSON. */
export interface ReceivedPacket {
  topic: string | undefined;
  from: string | undefined;
  body: unknown;
}

/** Keeps every data packet `room` receives on `topic` (all topics when none), in order. */
export function collectPackets(room: Room, topic?: string): ReceivedPacket[] {
  const received: ReceivedPacket[] = [];
  room.on(RoomEvent.DataReceived, (payload, participant, _kind, packetTopic) => {
    if (topic !== undefined && packetTopic !== topic) return;
    received.push({
      topic: packetTopic,
      from: participant?.identity,
      body: JSON.parse(new TextDecoder().decode(payload)) as unknown,
    });
  });
  return received;
}
