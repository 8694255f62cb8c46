import type { Question } from '@stagecast/contracts';
import { AppError } from '../../errors.js';
import { auditBy, recordAudit } from '../audit/record-audit.js';
import type { ModeratorAccess } from '../sessions/access.js';
import type { QuestionCall } from './deliver-questions.js';

/**
 * A moderator marks a question answered (or not) and hides it (or shows it again), then tells
 * the room; clients that do not moderate drop a hidden one. Hiding and showing are audited.
 */
export async function updateQuestion(
  options: QuestionCall<ModeratorAccess> & {
    questionId: string;
    answered: boolean | undefined;
    hidden: boolean | undefined;
    ip: string;
  },
): Promise<Question> {
  const { ctx, access, repo, answered, hidden } = options;
  const sessionId = access.view.session.sessionId;
  const row = await repo.find(sessionId, options.questionId);
  if (!row) throw new AppError('NOT_FOUND', 'no such question');
  const now = new Date();
  const hiddenChanges = hidden !== undefined && hidden !== (row.hiddenAt !== null);
  await repo.update(row.id, {
    ...(answered !== undefined && { answeredAt: answered ? (row.answeredAt ?? now) : null }),
    ...(hiddenChanges && {
      hiddenAt: hidden ? now : null,
      hiddenBy: hidden ? access.identity : null,
    }),
  });
  if (hiddenChanges) {
    await recordAudit({
      db: ctx.database.db,
      action: hidden ? 'question_hide' : 'question_show',
      by: auditBy(access.principal, options.ip),
      sessionId,
      target: { identity: row.authorIdentity, name: row.authorName },
      details: { question_id: row.id, text: row.text.slice(0, 200) },
    });
  }
  const question = await repo.current(sessionId, row.id, access.identity);
  await options.delivery.deliver(question);
  return question;
}
