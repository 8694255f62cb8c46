import { z } from 'zod';

/**
 * `POST /api/v1/check/token`: what the connection check page (`/check`) needs to test the way
 * from this browser to LiveKit, before anyone signs in. The room is private to this check (made
 * for it, at most two participants, closed shortly after), and each token joins only that room.
 */
export const checkTokenResponseSchema = z.object({
  /** The LiveKit URL the app gives browsers (`ws://…` or `wss://…`). */
  server_url: z.string(),
  /** The check's own room. */
  room: z.string(),
  /** Publishes camera and microphone; subscribes to nothing. */
  publisher_token: z.string(),
  /** Subscribes; publishes nothing. */
  receiver_token: z.string(),
  /** When the tokens stop admitting new connections (ISO 8601). */
  expires_at: z.string(),
  /**
   * The embedded LiveKit's media ports, for advice such as "open UDP port 7882"; `null` with an
   * external LiveKit, whose ports this app does not know.
   */
  rtc_ports: z.object({ udp: z.number().int(), tcp: z.number().int() }).nullable(),
});
export type CheckTokenResponse = z.infer<typeof checkTokenResponseSchema>;
