import { z } from 'zod';

/**
 * A text people write (a chat message, a question, a poll and its options): not only spaces,
 * at most `max` characters; kept as written (not trimmed).
 */
export const nonBlankText = (max: number) =>
  z
    .string()
    .refine((t) => t.trim().length > 0, 'must not be empty')
    .refine((t) => t.length <= max, `must be at most ${max} characters`);
