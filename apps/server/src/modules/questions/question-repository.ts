import { and, asc, desc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Question } from '@stagecast/contracts';
import type { Db } from '../../db/client.js';
import { questions, questionUpvotes } from '../../db/schema.js';

export type NewQuestionRow = typeof questions.$inferInsert;
/** A question's row with its upvotes counted. */
export type QuestionRow = typeof questions.$inferSelect & { upvotes: number };

const upvotes = sql<number>`(select count(*)::int from ${questionUpvotes} u where u.question_id = ${questions.id})`;

export function toQuestionDto(row: QuestionRow, upvotedByMe: boolean): Question {
  return {
    id: row.id,
    session_id: row.sessionId,
    text: row.text,
    author: { identity: row.authorIdentity, display_name: row.authorName },
    upvotes: row.upvotes,
    upvoted_by_me: upvotedByMe,
    answered: row.answeredAt !== null,
    hidden: row.hiddenAt !== null,
    created_at: row.createdAt.toISOString(),
  };
}

export function questionRepository(db: Db) {
  const select = (where: SQL | undefined) =>
    db
      .select({ ...getTableColumns(questions), upvotes })
      .from(questions)
      .where(where);
  return {
    async insert(row: NewQuestionRow): Promise<void> {
      await db.insert(questions).values(row);
    },
    async find(sessionId: string, id: string): Promise<QuestionRow | undefined> {
      const [row] = await select(and(eq(questions.sessionId, sessionId), eq(questions.id, id)));
      return row;
    },
    async findById(id: string): Promise<QuestionRow | undefined> {
      const [row] = await select(eq(questions.id, id));
      return row;
    },
    /** Most upvoted first, then oldest first; hidden ones left out unless asked for. */
    async list(sessionId: string, withHidden: boolean): Promise<QuestionRow[]> {
      return select(
        and(
          eq(questions.sessionId, sessionId),
          withHidden ? undefined : isNull(questions.hiddenAt),
        ),
      ).orderBy(desc(upvotes), asc(questions.createdAt), asc(questions.id));
    },
    /** False when `identity` had upvoted it already (the primary key refuses a second one). */
    async upvote(questionId: string, identity: string): Promise<boolean> {
      const inserted = await db
        .insert(questionUpvotes)
        .values({ questionId, identity })
        .onConflictDoNothing()
        .returning({ questionId: questionUpvotes.questionId });
      return inserted.length > 0;
    },
    async removeUpvote(questionId: string, identity: string): Promise<boolean> {
      const removed = await db
        .delete(questionUpvotes)
        .where(
          and(eq(questionUpvotes.questionId, questionId), eq(questionUpvotes.identity, identity)),
        )
        .returning({ questionId: questionUpvotes.questionId });
      return removed.length > 0;
    },
    async update(
      id: string,
      patch: Partial<Pick<NewQuestionRow, 'answeredAt' | 'hiddenAt' | 'hiddenBy'>>,
    ): Promise<void> {
      await db.update(questions).set(patch).where(eq(questions.id, id));
    },
    /** The questions among `ids` that `identity` upvoted. */
    async upvotedBy(ids: string[], identity: string): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db
        .select({ id: questionUpvotes.questionId })
        .from(questionUpvotes)
        .where(
          and(inArray(questionUpvotes.questionId, ids), eq(questionUpvotes.identity, identity)),
        );
      return new Set(rows.map((r) => r.id));
    },
    /** The questions as the API shows them to `identity` (none: as data packets carry them). */
    async dtos(rows: QuestionRow[], identity?: string): Promise<Question[]> {
      const mine = identity
        ? await this.upvotedBy(
            rows.map((r) => r.id),
            identity,
          )
        : new Set();
      return rows.map((r) => toQuestionDto(r, mine.has(r.id)));
    },
    /** The question as it stands now, as the API shows it to `identity`. */
    async current(sessionId: string, id: string, identity: string): Promise<Question> {
      const [question] = await this.dtos([(await this.find(sessionId, id))!], identity);
      return question!;
    },
  };
}
export type QuestionRepository = ReturnType<typeof questionRepository>;
