import { z } from 'zod';
import { apiErrorResponses as errors, noContentSchema, route } from './api-route.js';
import { attendanceQuerySchema, attendanceResponseSchema } from './attendance.js';
import {
  chatHistoryQuerySchema,
  chatHistoryResponseSchema,
  chatMessageParamsSchema,
  chatMessageResponseSchema,
  postChatBodySchema,
} from './chat.js';
import {
  handBodySchema,
  muteBodySchema,
  muteResponseSchema,
  participantParamsSchema,
  participantResponseSchema,
  participantsResponseSchema,
  updateParticipantBodySchema,
} from './participants.js';
import { joinWaitingResponseSchema } from './lobby.js';
import {
  recordingIdParamsSchema,
  recordingResponseSchema,
  recordingsResponseSchema,
} from './recordings.js';
import {
  createSessionBodySchema,
  createSessionResponseSchema,
  inviteResponseSchema,
  joinBodySchema,
  joinResponseSchema,
  listSessionsQuerySchema,
  listSessionsResponseSchema,
  sessionIdParamsSchema,
  sessionSchema,
  tokenBodySchema,
  tokenResponseSchema,
  updateSessionBodySchema,
} from './sessions.js';

/** GET of one session: the invite secret that lets a private session be read. */
export const getSessionQuerySchema = z.object({ invite_token: z.string().max(200).optional() });

const sessions = '/api/v1/live/sessions';
const session = `${sessions}/:session_id`;
const participant = `${session}/participants/:user_id`;

/** The routes of live sessions and what happens in them (SPEC §3–§4), by name. */
export const sessionRoutes = {
  // sessions
  listSessions: route({
    method: 'GET',
    path: sessions,
    tags: ['sessions'],
    querystring: listSessionsQuerySchema,
    response: { 200: listSessionsResponseSchema, ...errors },
  }),
  getSession: route({
    method: 'GET',
    path: session,
    tags: ['sessions'],
    params: sessionIdParamsSchema,
    querystring: getSessionQuerySchema,
    response: { 200: sessionSchema, ...errors },
  }),
  createSession: route({
    method: 'POST',
    path: sessions,
    tags: ['sessions'],
    body: createSessionBodySchema,
    response: { 201: createSessionResponseSchema, ...errors },
  }),
  updateSession: route({
    method: 'PATCH',
    path: session,
    tags: ['sessions'],
    params: sessionIdParamsSchema,
    body: updateSessionBodySchema,
    response: { 200: sessionSchema, ...errors },
  }),
  startSession: route({
    method: 'POST',
    path: `${session}/start`,
    tags: ['sessions'],
    params: sessionIdParamsSchema,
    response: { 200: sessionSchema, ...errors },
  }),
  endSession: route({
    method: 'POST',
    path: `${session}/end`,
    tags: ['sessions'],
    params: sessionIdParamsSchema,
    response: { 200: sessionSchema, ...errors },
  }),
  deleteSession: route({
    method: 'DELETE',
    path: session,
    tags: ['sessions'],
    params: sessionIdParamsSchema,
    response: { 204: noContentSchema, ...errors },
  }),
  rotateInvite: route({
    method: 'POST',
    path: `${session}/invite`,
    tags: ['sessions'],
    params: sessionIdParamsSchema,
    response: { 200: inviteResponseSchema, ...errors },
  }),
  joinSession: route({
    method: 'POST',
    path: `${session}/join`,
    tags: ['sessions'],
    params: sessionIdParamsSchema,
    body: joinBodySchema.optional(),
    // 202: the waiting room holds the caller (issue 15), no token yet.
    response: { 200: joinResponseSchema, 202: joinWaitingResponseSchema, ...errors },
  }),
  /**
   * The session as an iCalendar event (RFC 5545, `text/calendar`), so no JSON answer schema;
   * read like the session (a private one with its invite), errors as JSON.
   */
  sessionCalendar: route({
    method: 'GET',
    path: `${session}/calendar.ics`,
    tags: ['sessions'],
    params: sessionIdParamsSchema,
    querystring: getSessionQuerySchema,
  }),
  livekitToken: route({
    method: 'POST',
    path: '/api/livekit/token',
    tags: ['livekit'],
    body: tokenBodySchema,
    response: { 200: tokenResponseSchema, 202: joinWaitingResponseSchema, ...errors },
  }),

  // participants
  listParticipants: route({
    method: 'GET',
    path: `${session}/participants`,
    tags: ['participants'],
    params: sessionIdParamsSchema,
    response: { 200: participantsResponseSchema, ...errors },
  }),
  updateParticipant: route({
    method: 'PATCH',
    path: participant,
    tags: ['participants'],
    params: participantParamsSchema,
    body: updateParticipantBodySchema,
    response: { 200: participantResponseSchema, ...errors },
  }),
  kickParticipant: route({
    method: 'POST',
    path: `${participant}/kick`,
    tags: ['participants'],
    params: participantParamsSchema,
    response: { 200: participantResponseSchema, ...errors },
  }),
  muteParticipant: route({
    method: 'POST',
    path: `${participant}/mute`,
    tags: ['participants'],
    params: participantParamsSchema,
    body: muteBodySchema,
    response: { 200: muteResponseSchema, ...errors },
  }),
  raiseHand: route({
    method: 'POST',
    path: `${session}/hand`,
    tags: ['participants'],
    params: sessionIdParamsSchema,
    body: handBodySchema,
    response: { 200: participantResponseSchema, ...errors },
  }),

  // chat
  chatHistory: route({
    method: 'GET',
    path: `${session}/chat`,
    tags: ['chat'],
    params: sessionIdParamsSchema,
    querystring: chatHistoryQuerySchema,
    response: { 200: chatHistoryResponseSchema, ...errors },
  }),
  postChat: route({
    method: 'POST',
    path: `${session}/chat`,
    tags: ['chat'],
    params: sessionIdParamsSchema,
    body: postChatBodySchema,
    // 200: a retry with a known client_message_id returns the stored message.
    response: { 201: chatMessageResponseSchema, 200: chatMessageResponseSchema, ...errors },
  }),
  deleteChat: route({
    method: 'DELETE',
    path: `${session}/chat/:message_id`,
    tags: ['chat'],
    params: chatMessageParamsSchema,
    response: { 204: noContentSchema, ...errors },
  }),

  // recordings
  startRecording: route({
    method: 'POST',
    path: `${session}/recording/start`,
    tags: ['recordings'],
    params: sessionIdParamsSchema,
    response: { 200: recordingResponseSchema, ...errors },
  }),
  stopRecording: route({
    method: 'POST',
    path: `${session}/recording/stop`,
    tags: ['recordings'],
    params: sessionIdParamsSchema,
    response: { 200: recordingResponseSchema, ...errors },
  }),
  listRecordings: route({
    method: 'GET',
    path: `${session}/recordings`,
    tags: ['recordings'],
    params: sessionIdParamsSchema,
    response: { 200: recordingsResponseSchema, ...errors },
  }),
  /** The file itself (video/mp4, HTTP Range), so no JSON answer schema. */
  downloadRecording: route({
    method: 'GET',
    path: '/api/v1/recordings/:recording_id/download',
    tags: ['recordings'],
    params: recordingIdParamsSchema,
  }),

  // attendance (issue 12)
  /** JSON, or CSV (RFC 4180, formula cells neutralised) with `Accept: text/csv` or `?format=csv`. */
  sessionAttendance: route({
    method: 'GET',
    path: `${session}/attendance`,
    tags: ['operations'],
    params: sessionIdParamsSchema,
    querystring: attendanceQuerySchema,
    response: { 200: attendanceResponseSchema, ...errors },
  }),
} as const;
