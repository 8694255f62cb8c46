import { z } from 'zod';
import { noContentSchema, routeGroup } from './api-route.js';
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

const sessionsPath = '/api/v1/live/sessions';
const sessionPath = `${sessionsPath}/:session_id`;
const inSession = { params: sessionIdParamsSchema };
const sessions = routeGroup('sessions', sessionsPath);
const session = routeGroup('sessions', sessionPath, inSession);
const participants = routeGroup('participants', sessionPath, inSession);
const participant = { params: participantParamsSchema };
const chat = routeGroup('chat', `${sessionPath}/chat`, inSession);
const chatMessage = routeGroup('chat', `${sessionPath}/chat/:message_id`, {
  params: chatMessageParamsSchema,
});
const recordings = routeGroup('recordings', sessionPath, inSession);

/** The routes of live sessions and what happens in them (SPEC §3–§4), by name. */
export const sessionRoutes = {
  // sessions
  listSessions: sessions.get(
    '',
    { 200: listSessionsResponseSchema },
    { querystring: listSessionsQuerySchema },
  ),
  getSession: session.get('', { 200: sessionSchema }, { querystring: getSessionQuerySchema }),
  createSession: sessions.post(
    '',
    { 201: createSessionResponseSchema },
    { body: createSessionBodySchema },
  ),
  updateSession: session.patch('', { 200: sessionSchema }, { body: updateSessionBodySchema }),
  startSession: session.post('/start', { 200: sessionSchema }),
  endSession: session.post('/end', { 200: sessionSchema }),
  deleteSession: session.delete('', { 204: noContentSchema }),
  rotateInvite: session.post('/invite', { 200: inviteResponseSchema }),
  // 202: the waiting room holds the caller (issue 15), no token yet.
  joinSession: session.post(
    '/join',
    { 200: joinResponseSchema, 202: joinWaitingResponseSchema },
    { body: joinBodySchema.optional() },
  ),
  /**
   * The session as an iCalendar event (RFC 5545, `text/calendar`), so no JSON answer schema;
   * read like the session (a private one with its invite), errors as JSON.
   */
  sessionCalendar: session.get('/calendar.ics', null, { querystring: getSessionQuerySchema }),
  livekitToken: routeGroup('livekit', '/api/livekit').post(
    '/token',
    { 200: tokenResponseSchema, 202: joinWaitingResponseSchema },
    { body: tokenBodySchema },
  ),

  // participants
  listParticipants: participants.get('/participants', { 200: participantsResponseSchema }),
  updateParticipant: participants.patch(
    '/participants/:user_id',
    { 200: participantResponseSchema },
    { ...participant, body: updateParticipantBodySchema },
  ),
  kickParticipant: participants.post(
    '/participants/:user_id/kick',
    { 200: participantResponseSchema },
    participant,
  ),
  muteParticipant: participants.post(
    '/participants/:user_id/mute',
    { 200: muteResponseSchema },
    { ...participant, body: muteBodySchema },
  ),
  raiseHand: participants.post(
    '/hand',
    { 200: participantResponseSchema },
    { body: handBodySchema },
  ),

  // chat
  chatHistory: chat.get(
    '',
    { 200: chatHistoryResponseSchema },
    { querystring: chatHistoryQuerySchema },
  ),
  // 200: a retry with a known client_message_id returns the stored message.
  postChat: chat.post(
    '',
    { 201: chatMessageResponseSchema, 200: chatMessageResponseSchema },
    { body: postChatBodySchema },
  ),
  deleteChat: chatMessage.delete('', { 204: noContentSchema }),

  // recordings
  startRecording: recordings.post('/recording/start', { 200: recordingResponseSchema }),
  stopRecording: recordings.post('/recording/stop', { 200: recordingResponseSchema }),
  listRecordings: recordings.get('/recordings', { 200: recordingsResponseSchema }),
  /** The file itself (video/mp4, HTTP Range), so no JSON answer schema. */
  downloadRecording: routeGroup('recordings', '/api/v1/recordings/:recording_id').get(
    '/download',
    null,
    { params: recordingIdParamsSchema },
  ),

  // attendance (issue 12)
  /** JSON, or CSV (RFC 4180, formula cells neutralised) with `Accept: text/csv` or `?format=csv`. */
  sessionAttendance: routeGroup('operations', sessionPath, inSession).get(
    '/attendance',
    { 200: attendanceResponseSchema },
    { querystring: attendanceQuerySchema },
  ),
} as const;
