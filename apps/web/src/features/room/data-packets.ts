import {
  CHAT_TOPIC,
  chatDataPacketSchema,
  POLLS_TOPIC,
  pollsDataPacketSchema,
  QUESTIONS_TOPIC,
  questionsDataPacketSchema,
  type ChatDataPacket,
  type Poll,
  type Question,
} from '@stagecast/contracts';

/** A LiveKit data topic the API sends on, and the reader of its packets. */
export interface PacketTopic<T> {
  topic: string;
  /** What a packet carries; undefined for anything malformed, which is dropped. */
  parse: (payload: Uint8Array) => T | undefined;
}

function decodeJson(payload: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(payload)) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads a packet on topic `chat`; anything malformed is dropped. */
export function parseChatPacket(payload: Uint8Array): ChatDataPacket | undefined {
  const parsed = chatDataPacketSchema.safeParse(decodeJson(payload));
  return parsed.success ? parsed.data : undefined;
}

/** A raised or lowered hand, as the API broadcasts it on topic `hand`. */
export interface HandPacket {
  identity: string;
  raised: boolean;
}

/** Reads a packet on topic `hand`; anything malformed is dropped. */
export function parseHandPacket(payload: Uint8Array): HandPacket | undefined {
  const value = decodeJson(payload);
  if (typeof value !== 'object' || value === null) return undefined;
  const { identity, raised } = value as Record<string, unknown>;
  return typeof identity === 'string' && typeof raised === 'boolean'
    ? { identity, raised }
    : undefined;
}

/** Reads a packet on topic `polls` (issue 15): the poll it carries; anything malformed is dropped. */
export function parsePollPacket(payload: Uint8Array): Poll | undefined {
  return pollsDataPacketSchema.safeParse(decodeJson(payload)).data?.poll;
}

/** Reads a packet on topic `questions` (issue 15): its question; anything malformed is dropped. */
export function parseQuestionPacket(payload: Uint8Array): Question | undefined {
  return questionsDataPacketSchema.safeParse(decodeJson(payload)).data?.question;
}

/** The topics the API sends on, each with its reader; clients hold no publish-data grant. */
export const PACKETS = {
  chat: { topic: CHAT_TOPIC, parse: parseChatPacket },
  hand: { topic: 'hand', parse: parseHandPacket },
  polls: { topic: POLLS_TOPIC, parse: parsePollPacket },
  questions: { topic: QUESTIONS_TOPIC, parse: parseQuestionPacket },
} as const satisfies Record<string, PacketTopic<unknown>>;
