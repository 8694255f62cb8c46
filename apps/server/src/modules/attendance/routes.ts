import { apiRoutes } from '@stagecast/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleRouteOptions } from '../../context.js';
import { assertModerator } from '../sessions/access.js';
import { sessionScope } from '../sessions/session-access.js';
import { attendanceCsv, prefersCsv } from './attendance-csv.js';
import { attendanceRepository } from './attendance-repository.js';
import { classroomSummary } from './classroom-summary.js';
import { getAttendanceReport } from './get-attendance-report.js';

/**
 * `GET …/sessions/:session_id/attendance` (host, co-host, admin): JSON (with the polls and
 * questions, issue 15), or CSV with
 * `Accept: text/csv` or `?format=csv`; registered under `/api/v1/live/sessions/:session_id/attendance`.
 */
export const attendanceRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (
  app,
  { ctx, auth },
) => {
  const { route } = sessionScope(app, { ctx, auth });
  const attendance = attendanceRepository(ctx.database.db);

  route(apiRoutes.sessionAttendance, assertModerator, async (access, request, reply) => {
    const session = access.view.session;
    const report = {
      ...(await getAttendanceReport({
        attendance,
        session,
        mergeWindowMs: ctx.config.attendanceMergeWindowSeconds * 1000,
      })),
      ...(await classroomSummary(ctx.database.db, session.sessionId)),
    };
    void reply.header('vary', 'accept');
    const format = request.query.format;
    if (format === 'csv' || (format === undefined && prefersCsv(request.headers.accept))) {
      return sendCsv(reply, `attendance-${session.sessionId}.csv`, attendanceCsv(report));
    }
    return report;
  });
};

/** A CSV download: sent as it is, past the route's JSON answer schema. */
function sendCsv(reply: FastifyReply, filename: string, csv: string): FastifyReply {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(csv);
}
