import { z } from 'zod';
import {
  EMBED_COMMAND_NAMES,
  EMBED_ERROR_CODES,
  EMBED_EVENT_NAMES,
  EMBED_MESSAGE_SOURCE,
  EMBED_PROTOCOL_VERSION,
} from './embed-protocol.js';
import type { EmbedCommandName, EmbedEventName } from './embed-protocol.js';
import { sessionRoleSchema } from './roles.js';

/**
 * The embeddable room's `postMessage` API (issue 14) as zod schemas: the events the room sends
 * to the host page and the commands it accepts from it. Names and origin rules are in
 * `embed-protocol.ts`; `docs/integrate.md` (Embed the room) is the guide.
 */

export const embedEventNameSchema = z.enum(EMBED_EVENT_NAMES);
export const embedCommandNameSchema = z.enum(EMBED_COMMAND_NAMES);
export const embedErrorCodeSchema = z.enum(EMBED_ERROR_CODES);

const envelope = {
  source: z.literal(EMBED_MESSAGE_SOURCE),
  version: z.literal(EMBED_PROTOCOL_VERSION),
};

const sessionData = { session_id: z.string() };

const event = <const E extends EmbedEventName, D extends z.ZodRawShape>(name: E, data: D) =>
  z.object({ ...envelope, event: z.literal(name), data: z.object({ ...sessionData, ...data }) });

/** Every event, by its `event` name; each `data` names the session it is about. */
export const embedEventSchema = z.discriminatedUnion('event', [
  event('ready', {}),
  event('joined', {
    /** The LiveKit identity (`user:<id>`, `guest:<id>`), as webhooks and the API name it. */
    identity: z.string(),
    role: sessionRoleSchema,
  }),
  event('left', {}),
  event('ended', {}),
  event('removed', {}),
  event('hand-raised', { raised: z.boolean() }),
  event('error', {
    code: embedErrorCodeSchema,
    /** The command that failed, for `unavailable`. */
    command: embedCommandNameSchema.optional(),
    /** When a session that is not live yet is planned to start (`not_live`). */
    scheduled_at: z.string().nullable().optional(),
  }),
]);
export type EmbedEvent = z.infer<typeof embedEventSchema>;
/** One event: `EmbedEventOf<'joined'>['data']` has `identity` and `role`. */
export type EmbedEventOf<E extends EmbedEventName> = Extract<EmbedEvent, { event: E }>;
/** What the room gives to build an event: the envelope and the session are added. */
export type EmbedEventData<E extends EmbedEventName> = Omit<EmbedEventOf<E>['data'], 'session_id'>;

const command = <const C extends EmbedCommandName, D extends z.ZodRawShape>(name: C, data: D) =>
  z.object({ ...envelope, command: z.literal(name), data: z.object(data).optional() });

/** Every command, by its `command` name. */
export const embedCommandSchema = z.discriminatedUnion('command', [
  command('leave', {}),
  command('toggle-microphone', {}),
  command('toggle-camera', {}),
  command('raise-hand', { raised: z.boolean().optional() }),
]);
export type EmbedCommand = z.infer<typeof embedCommandSchema>;
export type EmbedCommandOf<C extends EmbedCommandName> = Extract<EmbedCommand, { command: C }>;

/** `message` as an event of this protocol, or undefined when it is not one. */
export function parseEmbedEvent(message: unknown): EmbedEvent | undefined {
  const parsed = embedEventSchema.safeParse(message);
  return parsed.success ? parsed.data : undefined;
}

/** `message` as a command of this protocol, or undefined when it is not one. */
export function parseEmbedCommand(message: unknown): EmbedCommand | undefined {
  const parsed = embedCommandSchema.safeParse(message);
  return parsed.success ? parsed.data : undefined;
}

/** Builds the event `name` about `sessionId`. */
export function embedEvent<E extends EmbedEventName>(
  name: E,
  sessionId: string,
  data: EmbedEventData<E>,
): EmbedEventOf<E> {
  return {
    source: EMBED_MESSAGE_SOURCE,
    version: EMBED_PROTOCOL_VERSION,
    event: name,
    data: { session_id: sessionId, ...data },
    // TypeScript cannot follow a generic `E` through the union; the schema test checks the shape.
  } as unknown as EmbedEventOf<E>;
}

/** `GET /api/v1/embed/options`: what the embedded room needs to know of this server. */
export const embedOptionsSchema = z.object({
  /**
   * `EMBED_ORIGINS`: the host pages that may frame the room; the room takes commands from
   * them only and posts its events to them only. Empty: no page may frame it.
   */
  origins: z.array(z.string()),
});
export type EmbedOptions = z.infer<typeof embedOptionsSchema>;
