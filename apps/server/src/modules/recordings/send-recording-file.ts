import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';

/** A single `bytes=` range, resolved against the file size; undefined means "the whole file". */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  // Several ranges or other units: RFC 9110 lets a server ignore the header and send it all.
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/**
 * Sends an MP4 with HTTP Range support (`206` + `Content-Range`), so browsers seek in it and
 * downloads resume.
 */
export async function sendRecordingFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: string,
  downloadName: string,
): Promise<FastifyReply> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new AppError('NOT_FOUND', 'the recording file is missing');
  const size = info.size;
  const range = parseRange(request.headers.range, size);
  reply
    .header('accept-ranges', 'bytes')
    .header('content-type', 'video/mp4')
    .header('content-disposition', `attachment; filename="${downloadName}"`)
    .header('cache-control', 'private, no-store')
    .header('last-modified', info.mtime.toUTCString());
  if (range === 'unsatisfiable') {
    return reply
      .code(416)
      .header('content-range', `bytes */${size}`)
      .header('content-type', 'application/json; charset=utf-8')
      .send({
        error: {
          code: 'VALIDATION_FAILED',
          message: `headers.range: not satisfiable for a file of ${size} bytes`,
          details: { field: 'headers.range', size },
        },
      });
  }
  if (!range) {
    return reply.code(200).header('content-length', size).send(createReadStream(file));
  }
  return reply
    .code(206)
    .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
    .header('content-length', range.end - range.start + 1)
    .send(createReadStream(file, { start: range.start, end: range.end }));
}
