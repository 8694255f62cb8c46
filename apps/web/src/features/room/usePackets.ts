import { useDataTopic } from '../../livekit/index.js';
import type { PacketTopic } from './data-packets.js';

/**
 * Calls `onPacket` with what each packet on the topic carries, read by the topic's own reader;
 * a malformed packet (the payload is untrusted) is dropped.
 */
export function usePackets<T>(packets: PacketTopic<T>, onPacket: (packet: T) => void): void {
  useDataTopic(packets.topic, (payload) => {
    const packet = packets.parse(payload);
    if (packet !== undefined) onPacket(packet);
  });
}
