import { z } from 'zod';
import { pollStatusSchema } from './polls.js';
import { sessionRoleSchema, sessionStatusSchema } from './roles.js';

/**
 * Attendance of one session (issue 12), from LiveKit's webhooks. A stay is one or more
 * connections of a person less than the merge window apart (a reconnect is not a new visit).
 */

/** `GET …/attendance?format=csv` is the CSV too, for a plain download link (no Accept header). */
export const attendanceQuerySchema = z.object({
  format: z.enum(['json', 'csv'], { message: 'must be json or csv' }).optional(),
});

export const attendanceStaySchema = z.object({
  joined_at: z.string(),
  /** Null while the person is still there. */
  left_at: z.string().nullable(),
});

export const attendeeSchema = z.object({
  user_id: z.string(),
  identity: z.string(),
  display_name: z.string(),
  /** The person's role in the session at its end (or now, while it is live). */
  role: sessionRoleSchema,
  first_join: z.string(),
  /** Null while the person is still there. */
  last_leave: z.string().nullable(),
  /** Stays, reconnects within the merge window counted once. */
  joins: z.number(),
  /** Time actually connected, in seconds (the gaps of merged reconnects left out). */
  total_seconds: z.number(),
  stays: z.array(attendanceStaySchema),
});
export type Attendee = z.infer<typeof attendeeSchema>;

/** How many people were in the room from `at` on (a step of the timeline). */
export const attendancePointSchema = z.object({ at: z.string(), count: z.number() });

export const attendanceResponseSchema = z.object({
  session: z.object({
    session_id: z.string(),
    title: z.string(),
    status: sessionStatusSchema,
    started_at: z.string().nullable(),
    ended_at: z.string().nullable(),
  }),
  /** `ATTENDANCE_MERGE_WINDOW`: reconnects this close count as one stay. */
  merge_window_seconds: z.number(),
  /** The most people in the room at once (hosts included), and when that was first reached. */
  peak: z.object({ count: z.number(), at: z.string().nullable() }),
  attendees: z.array(attendeeSchema),
  timeline: z.array(attendancePointSchema),
  /** The session's polls (issue 15), oldest first, with their final (or current) counts. */
  polls: z.array(
    z.object({
      question: z.string(),
      status: pollStatusSchema,
      options: z.array(z.object({ text: z.string(), votes: z.number() })),
      total_votes: z.number(),
    }),
  ),
  /** Its questions (issue 15), most upvoted first, hidden ones included and marked. */
  questions: z.array(
    z.object({
      text: z.string(),
      author: z.string(),
      upvotes: z.number(),
      answered: z.boolean(),
      hidden: z.boolean(),
      created_at: z.string(),
    }),
  ),
});
export type AttendanceReport = z.infer<typeof attendanceResponseSchema>;

/** The CSV's columns, in order (the first line of the file). */
export const ATTENDANCE_CSV_COLUMNS = [
  'display_name',
  'user_id',
  'identity',
  'role',
  'first_join',
  'last_leave',
  'joins',
  'total_seconds',
] as const;
