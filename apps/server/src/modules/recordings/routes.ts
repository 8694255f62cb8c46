import {
  recordingIdParamsSchema,
  recordingResponseSchema,
  recordingsResponseSchema,
  sessionIdParamsSchema,
} from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { AppError, ERROR_RESPONSES } from '../../errors.js';
import type { Authenticator } from '../auth/authenticator.js';
import { loadAccess, requireModerator } from '../sessions/access.js';
import type { SessionAccess } from '../sessions/access.js';
import { sessionRepository } from '../sessions/session-repository.js';
import { recordingFile } from './recording-files.js';
import { toRecordingDto } from './recording-dto.js';
import type { RecordingService } from './recording-service.js';
import { sendRecordingFile } from './send-recording-file.js';

export interface RecordingRouteOptions {
  ctx: AppContext;
  auth: Authenticator;
  recordings: RecordingService;
}

const errors = ERROR_RESPONSES;
const tags = ['recordings'];
const base = '/api/v1/live/sessions/:session_id';

/** Owner, admin and co-hosts see a session's recordings; its participants too when public. */
function requireListRecordings(access: SessionAccess): void {
  if (!access.principal) {
    throw new AppError('UNAUTHENTICATED', 'sign in first: missing or invalid token');
  }
  if (access.canModerate) return;
  if (access.view.session.isPublic && access.participant) return;
  throw new AppError('FORBIDDEN', "only the session's hosts and admins can see its recordings");
}

/** SPEC §3–4: start and stop recording, the list, and the authenticated download. */
export const recordingRoutes: FastifyPluginAsyncZod<RecordingRouteOptions> = async (
  app,
  { ctx, auth, recordings },
) => {
  const sessions = sessionRepository(ctx.database.db, ctx.accessCache);
  const dto = (row: Parameters<typeof toRecordingDto>[0]) =>
    toRecordingDto(row, ctx.config.publicUrl);

  app.post(
    `${base}/recording/start`,
    {
      schema: {
        tags,
        params: sessionIdParamsSchema,
        response: { 200: recordingResponseSchema, ...errors },
      },
    },
    async (request) => {
      const access = await loadAccess(sessions, auth, request, request.params.session_id);
      requireModerator(access);
      const row = await recordings.start(request.params.session_id, access.identity!);
      return { recording: dto(row) };
    },
  );

  app.post(
    `${base}/recording/stop`,
    {
      schema: {
        tags,
        params: sessionIdParamsSchema,
        response: { 200: recordingResponseSchema, ...errors },
      },
    },
    async (request) => {
      const access = await loadAccess(sessions, auth, request, request.params.session_id);
      requireModerator(access);
      return { recording: dto(await recordings.stop(request.params.session_id)) };
    },
  );

  app.get(
    `${base}/recordings`,
    {
      schema: {
        tags,
        params: sessionIdParamsSchema,
        response: { 200: recordingsResponseSchema, ...errors },
      },
    },
    async (request) => {
      const access = await loadAccess(sessions, auth, request, request.params.session_id);
      requireListRecordings(access);
      const rows = await recordings.repo.listBySession(request.params.session_id);
      return { recordings: rows.map(dto) };
    },
  );

  app.get(
    '/api/v1/recordings/:recording_id/download',
    { schema: { tags, params: recordingIdParamsSchema } },
    async (request, reply) => {
      const row = await recordings.repo.findById(request.params.recording_id);
      if (!row) throw new AppError('NOT_FOUND', 'no such recording');
      const access = await loadAccess(sessions, auth, request, row.sessionId);
      requireListRecordings(access);
      if (row.status !== 'complete') {
        throw new AppError('CONFLICT', 'this recording has no file to download', {
          status: row.status,
        });
      }
      if (row.storage !== 'file') {
        throw new AppError('NOT_FOUND', 'this recording is kept in S3 storage, not here', {
          location: row.location,
        });
      }
      return sendRecordingFile(
        request,
        reply,
        recordingFile(ctx.config.dataDir, row.id),
        `recording-${row.id}.mp4`,
      );
    },
  );
};
