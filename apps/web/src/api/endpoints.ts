import { apiRoutes as r } from '@stagecast/contracts';
import type { ApiRoutes, RouteBody, RouteQuery, StatsRange, UserRole } from '@stagecast/contracts';
import { buildUrl, request } from './client.js';

/**
 * The calls the web app makes, one per route it uses: thin names over `request()`, whose
 * request and answer types come from the shared route table.
 */

export const authApi = {
  me: () => request(r.me),
  login: (email: string, password: string) => request(r.login, { body: { email, password } }),
  register: (email: string, username: string, password: string) =>
    request(r.register, { body: { email, username, password } }),
  guest: (displayName: string) => request(r.guest, { body: { display_name: displayName } }),
  logout: () => request(r.logout),
  /** How people may sign in here: passwords, guests, an OpenID provider's button. */
  options: () => request(r.authOptions),
};

/** A session's path parameter. */
const session = (id: string) => ({ session_id: id });
const participant = (id: string, userId: string) => ({ session_id: id, user_id: userId });

export const sessionsApi = {
  list: (query: RouteQuery<ApiRoutes['listSessions']> = {}) =>
    request(r.listSessions, { query: { ...query, page_size: query.page_size ?? 50 } }),
  get: (id: string, inviteToken?: string) =>
    request(r.getSession, { params: session(id), query: { invite_token: inviteToken } }),
  create: (body: RouteBody<ApiRoutes['createSession']>) => request(r.createSession, { body }),
  update: (id: string, body: RouteBody<ApiRoutes['updateSession']>) =>
    request(r.updateSession, { params: session(id), body }),
  start: (id: string) => request(r.startSession, { params: session(id) }),
  end: (id: string) => request(r.endSession, { params: session(id) }),
  join: (id: string, body: RouteBody<ApiRoutes['joinSession']>) =>
    request(r.joinSession, { params: session(id), body }),
  rotateInvite: (id: string) => request(r.rotateInvite, { params: session(id) }),
  participants: (id: string) => request(r.listParticipants, { params: session(id) }),
  polls: (id: string) => request(r.listPolls, { params: session(id) }),
  questions: (id: string) => request(r.listQuestions, { params: session(id) }),
  setRole: (id: string, userId: string, role: RouteBody<ApiRoutes['updateParticipant']>['role']) =>
    request(r.updateParticipant, { params: participant(id, userId), body: { role } }),
  kick: (id: string, userId: string) =>
    request(r.kickParticipant, { params: participant(id, userId) }),
  mute: (id: string, userId: string, source: RouteBody<ApiRoutes['muteParticipant']>['source']) =>
    request(r.muteParticipant, { params: participant(id, userId), body: { source } }),
  recordings: (id: string) => request(r.listRecordings, { params: session(id) }),
  attendance: (id: string) => request(r.sessionAttendance, { params: session(id) }),
  startRecording: (id: string) => request(r.startRecording, { params: session(id) }),
  stopRecording: (id: string) => request(r.stopRecording, { params: session(id) }),
  hand: (id: string, raised: boolean) =>
    request(r.raiseHand, { params: session(id), body: { raised } }),
  chat: (id: string, before?: string) =>
    request(r.chatHistory, { params: session(id), query: { limit: 50, before } }),
  sendChat: (id: string, text: string, clientMessageId: string) =>
    request(r.postChat, {
      params: session(id),
      body: { text, client_message_id: clientMessageId },
    }),
  deleteChat: (id: string, messageId: string) =>
    request(r.deleteChat, { params: { session_id: id, message_id: messageId } }),
};

/** What the embedded room (`/embed/{id}`) needs of the server. */
export const embedApi = {
  options: () => request(r.embedOptions),
};

/** What only admins call (the admin page). */
export const adminApi = {
  stats: (range: StatsRange) => request(r.adminStats, { query: { range } }),
  users: (query: RouteQuery<ApiRoutes['adminUsers']>) => request(r.adminUsers, { query }),
  setRole: (userId: string, role: UserRole) =>
    request(r.updateUser, { params: { user_id: userId }, body: { role } }),
  disable: (userId: string) => request(r.disableUser, { params: { user_id: userId } }),
  enable: (userId: string) => request(r.enableUser, { params: { user_id: userId } }),
  recordings: (query: RouteQuery<ApiRoutes['adminRecordings']>) =>
    request(r.adminRecordings, { query }),
  deleteRecording: (recordingId: string) =>
    request(r.deleteRecording, { params: { recording_id: recordingId } }),
  audit: (query: RouteQuery<ApiRoutes['auditLog']>) => request(r.auditLog, { query }),
  webhooks: () => request(r.listWebhooks),
  createWebhook: (body: RouteBody<ApiRoutes['createWebhook']>) =>
    request(r.createWebhook, { body }),
  updateWebhook: (webhookId: string, body: RouteBody<ApiRoutes['updateWebhook']>) =>
    request(r.updateWebhook, { params: { webhook_id: webhookId }, body }),
  deleteWebhook: (webhookId: string) =>
    request(r.deleteWebhook, { params: { webhook_id: webhookId } }),
  webhookDeliveries: (webhookId: string, query: RouteQuery<ApiRoutes['webhookDeliveries']>) =>
    request(r.webhookDeliveries, { params: { webhook_id: webhookId }, query }),
  replayDelivery: (webhookId: string, deliveryId: number) =>
    request(r.replayWebhookDelivery, {
      params: { webhook_id: webhookId, delivery_id: deliveryId },
    }),
};

/** Where the attendance CSV downloads from: a plain link, so the session cookie goes with it. */
export const attendanceCsvUrl = (id: string) =>
  buildUrl(r.sessionAttendance.path, session(id), { format: 'csv' });

/**
 * A session's `.ics` (calendar invite): a plain link, so the cookie goes with it and the browser
 * hands the file to the calendar; a private session's invite goes along when the page has one.
 */
export const calendarUrl = (id: string, inviteToken?: string) =>
  buildUrl(r.sessionCalendar.path, session(id), { invite_token: inviteToken });
