import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { ChatMessage } from '@stagecast/contracts';
import type { Db } from '../../db/client.js';
import { findOne } from '../../db/find-one.js';
import { chatMessages } from '../../db/schema.js';

export type ChatRow = typeof chatMessages.$inferSelect;
export type NewChatRow = typeof chatMessages.$inferInsert;

export function toChatDto(row: ChatRow): ChatMessage {
  return {
    id: row.id,
    session_id: row.sessionId,
    sender: {
      identity: row.senderIdentity,
      display_name: row.senderName,
      role: row.senderRole as ChatMessage['sender']['role'],
    },
    text: row.text,
    created_at: row.createdAt.toISOString(),
  };
}

export function chatRepository(db: Db) {
  return {
    /**
     * Stores the message; with a `clientMessageId` already stored for this sender, returns that
     * row instead (a retry after a reconnect), flagged `duplicate`.
     */
    async insert(row: NewChatRow): Promise<{ row: ChatRow; duplicate: boolean }> {
      const [inserted] = await db
        .insert(chatMessages)
        .values(row)
        .onConflictDoNothing()
        .returning();
      if (inserted) return { row: inserted, duplicate: false };
      const existing = await findOne(
        db,
        chatMessages,
        and(
          eq(chatMessages.sessionId, row.sessionId),
          eq(chatMessages.senderIdentity, row.senderIdentity),
          eq(chatMessages.clientMessageId, row.clientMessageId!),
        ),
      );
      return { row: existing!, duplicate: true };
    },
    async find(sessionId: string, id: string): Promise<ChatRow | undefined> {
      return findOne(
        db,
        chatMessages,
        and(eq(chatMessages.sessionId, sessionId), eq(chatMessages.id, id)),
      );
    },
    /** Up to `limit` visible messages older than `before`, returned oldest first. */
    async page(
      sessionId: string,
      limit: number,
      before?: ChatRow,
    ): Promise<{ rows: ChatRow[]; hasMore: boolean }> {
      // Compared with the stored row, not `before.createdAt`: a JS Date drops the microseconds
      // the database keeps, which hid older messages stored in the same millisecond.
      const older = before
        ? sql`(${chatMessages.createdAt}, ${chatMessages.id}) < (select b.created_at, b.id from ${chatMessages} b where b.id = ${before.id})`
        : undefined;
      const rows = await db
        .select()
        .from(chatMessages)
        .where(and(eq(chatMessages.sessionId, sessionId), isNull(chatMessages.deletedAt), older))
        .orderBy(desc(chatMessages.createdAt), desc(chatMessages.id))
        .limit(limit + 1);
      const hasMore = rows.length > limit;
      return { rows: rows.slice(0, limit).reverse(), hasMore };
    },
    async softDelete(sessionId: string, id: string, by: string): Promise<boolean> {
      const updated = await db
        .update(chatMessages)
        .set({ deletedAt: new Date(), deletedBy: by })
        .where(
          and(
            eq(chatMessages.sessionId, sessionId),
            eq(chatMessages.id, id),
            isNull(chatMessages.deletedAt),
          ),
        )
        .returning({ id: chatMessages.id });
      return updated.length > 0;
    },
  };
}
export type ChatRepository = ReturnType<typeof chatRepository>;
