import { z } from 'zod';

/** The query of a list read page by page: which page (from 1), and how long a page is. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
};

/** A whole positive id read from a URL (path or query), refused with `message` otherwise. */
export const positiveId = (message: string) =>
  z.coerce.number({ message }).int(message).min(1, message);

/**
 * The query of a list read back in time, newest first: the items older than `before` (the
 * `next_before` of the previous page, or a message id), and how many.
 */
export const olderPageQuery = <Before extends z.ZodType>(before: Before) => ({
  before: before.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** What follows the items of a page read back in time. */
export const olderPageAnswer = {
  has_more: z.boolean(),
  /** Pass as `before` for the next (older) page; null on the last page. */
  next_before: z.number().nullable(),
};
