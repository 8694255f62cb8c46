/**
 * Reads a server-sent event stream (`text/event-stream`) as it comes and calls `onData` with
 * each event's data (its `data:` lines joined by newlines; an event with none is skipped).
 * Resolves when the stream ends; rejects as reading it does (an aborted fetch). The waiting
 * page reads `…/lobby/wait` with it, and so do the tests that stand in for that page.
 */
export async function readEventData(
  body: ReadableStream<Uint8Array>,
  onData: (data: string) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trim())
        .join('\n');
      if (data) onData(data);
    }
  }
}
