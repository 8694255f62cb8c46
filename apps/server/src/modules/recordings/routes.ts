import { apiRoutes } from '@stagecast/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleRouteOptions } from '../../context.js';
import { declareRoute } from '../../declare-route.js';
import { AppError, wrongState } from '../../errors.js';
import { actorOf, auditBy } from '../audit/record-audit.js';
import { assertModerator, assertOwner, assertSignedIn, loadAccess } from '../sessions/access.js';
import type { SessionAccess, SignedInAccess } from '../sessions/access.js';
import { sessionScope } from '../sessions/session-access.js';
import { deleteRecording } from './delete-recording.js';
import { recordingFile } from './recording-files.js';
import { toRecordingDto } from './recording-dto.js';
import type { RecordingService } from './recording-service.js';
import { sendRecordingFile } from './send-recording-file.js';

export interface RecordingRouteOptions extends ModuleRouteOptions {
  recordings: RecordingService;
}

/** Owner, admin and co-hosts see a session's recordings; its participants too when public. */
function assertCanListRecordings(access: SessionAccess): asserts access is SignedInAccess {
  assertSignedIn(access);
  if (access.canModerate) return;
  if (access.view.session.isPublic && access.participant) return;
  throw new AppError(
    'FORBIDDEN',
    "only the session's hosts and admins can see its recordings",
    undefined,
    { reason: 'not_moderator' },
  );
}

/** SPEC §3–4: start and stop recording, the list, the authenticated download, and delete. */
export const recordingRoutes: FastifyPluginAsyncZod<RecordingRouteOptions> = async (
  app,
  { ctx, auth, recordings },
) => {
  const { sessions, route } = sessionScope(app, { ctx, auth });
  const dto = (row: Parameters<typeof toRecordingDto>[0]) =>
    toRecordingDto(row, ctx.config.publicUrl);

  route(apiRoutes.startRecording, assertModerator, async (access, request) => {
    const by = auditBy(access.principal, request.ip);
    const row = await recordings.start(request.params.session_id, access.identity, by);
    return { recording: dto(row) };
  });

  route(apiRoutes.stopRecording, assertModerator, async (access, request) => {
    const by = auditBy(access.principal, request.ip);
    return { recording: dto(await recordings.stop(request.params.session_id, by)) };
  });

  route(apiRoutes.listRecordings, assertCanListRecordings, async (_access, request) => {
    const rows = await recordings.repo.listBySession(request.params.session_id);
    return { recordings: rows.map(dto) };
  });

  app.route({
    ...declareRoute(app, apiRoutes.downloadRecording),
    handler: async (request, reply) => {
      const row = await recordings.repo.findById(request.params.recording_id);
      if (!row) throw new AppError('NOT_FOUND', 'no such recording');
      // The session is named by the recording, not the URL: loaded here, not by a pre-handler.
      assertCanListRecordings(
        await loadAccess({ sessions, auth, request, sessionId: row.sessionId }),
      );
      if (row.status !== 'complete') {
        throw wrongState(
          'recording_not_ready',
          'this recording has no file to download',
          row.status,
        );
      }
      if (row.storage !== 'file') {
        throw new AppError(
          'NOT_FOUND',
          'this recording is kept in S3 storage, not here',
          { location: row.location },
          { reason: 'recording_elsewhere' },
        );
      }
      return sendRecordingFile(
        request,
        reply,
        recordingFile(ctx.config.dataDir, row.id),
        `recording-${row.id}.mp4`,
      );
    },
  });

  app.route({
    ...declareRoute(app, apiRoutes.deleteRecording),
    handler: async (request, reply) => {
      const row = await recordings.repo.findById(request.params.recording_id);
      if (!row) throw new AppError('NOT_FOUND', 'no such recording');
      const access = await loadAccess({ sessions, auth, request, sessionId: row.sessionId });
      assertOwner(access);
      const by = { actor: actorOf(access.principal), ip: request.ip };
      await deleteRecording({ ctx, repo: recordings.repo, recording: row, by });
      return reply.code(204).send(null);
    },
  });
};
