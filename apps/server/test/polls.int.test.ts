import type { Poll } from '@stagecast/contracts';
import { pollsDataPacketSchema } from '@stagecast/contracts';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from './support/api.js';
import { collectPackets } from './support/data-packets.js';
import { waitFor } from './support/processes.js';
import { useStack } from './support/use-stack.js';

const pollsPath = (sessionId: string) => `/api/v1/live/sessions/${sessionId}/polls`;

describe('polls and Q&A (issue 15)', () => {
  const s = useStack();
  let api: ApiClient;

  /** A live session of the mentor and a viewer of it. */
  async function liveSession() {
    api = s.c.api;
    const sessionId = (await api.createSession(s.c.mentor.token, { start_now: true })).session_id;
    return { sessionId, host: s.c.mentor.token, viewer: await newMember(sessionId) };
  }
  async function newMember(sessionId: string) {
    const user = await api.register();
    const joined = await api.join(user.token, sessionId);
    expect(joined.status).toBe(200);
    return { token: user.token, userId: user.user.id, ...joined.body };
  }
  const call = (token: string, method: string, path: string, body?: unknown) =>
    api.call(method, path, { token, body });
  const create = (token: string, sessionId: string, body: Record<string, unknown>) =>
    call(token, 'POST', pollsPath(sessionId), body);

  it('takes a question and 2 to 6 distinct options from a host only, and refuses the rest with 400 or 403', async () => {
    const { sessionId, host, viewer } = await liveSession();
    const bad: Record<string, unknown>[] = [
      { question: '', options: ['a', 'b'] },
      { question: 'x'.repeat(301), options: ['a', 'b'] },
      { question: 'One option?', options: ['a'] },
      { question: 'Seven?', options: ['1', '2', '3', '4', '5', '6', '7'] },
      { question: 'Twice?', options: ['Yes', ' yes '] },
      { question: 'Blank?', options: ['a', '  '] },
    ];
    for (const body of bad) {
      const res = await create(host, sessionId, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const denied = await create(viewer.token, sessionId, { question: 'Q?', options: ['a', 'b'] });
    expect(denied.status).toBe(403);
    expect(denied.body.error.reason).toBe('not_moderator');
    const ok = await create(host, sessionId, {
      question: 'x'.repeat(300),
      options: ['1', '2', '3', '4', '5', '6'],
    });
    expect(ok.status).toBe(201);
    expect(ok.body.poll).toMatchObject({ status: 'draft', total_votes: 0, my_vote: null });
  });

  it('goes draft → open → closed, one vote per member while open, results live over LiveKit data', async () => {
    const { sessionId, host, viewer } = await liveSession();
    const room = await s.clients.connect(viewer.access_token);
    const packets = collectPackets(room, 'polls');
    // Clients hold no data-publish grant: what a client sends on the topic never arrives.
    const other = await newMember(sessionId);
    const otherRoom = await s.clients.connect(other.access_token);
    await otherRoom
      .localParticipant!.publishData(new TextEncoder().encode('{"type":"poll"}'), {
        topic: 'polls',
        reliable: true,
      })
      .catch(() => undefined);

    const created = await create(host, sessionId, {
      question: 'Which framework?',
      options: ['React', 'Vue', 'Svelte'],
    });
    const poll = created.body.poll as Poll;
    const path = `${pollsPath(sessionId)}/${poll.id}`;
    const vote = (token: string, option: number) =>
      call(token, 'POST', `${path}/votes`, { option });

    // A draft: hidden from viewers, no votes.
    expect((await call(viewer.token, 'GET', pollsPath(sessionId))).body.polls).toEqual([]);
    expect((await call(host, 'GET', pollsPath(sessionId))).body.polls).toHaveLength(1);
    const early = await vote(viewer.token, 0);
    expect(early.status).toBe(409);
    expect(early.body.error.reason).toBe('poll_not_open');
    const closeDraft = await call(host, 'POST', `${path}/close`);
    expect(closeDraft.body.error.reason).toBe('poll_not_open');
    expect((await call(viewer.token, 'POST', `${path}/open`)).status).toBe(403);

    expect((await call(host, 'POST', `${path}/open`)).body.poll.status).toBe('open');
    expect((await call(host, 'POST', `${path}/open`)).status).toBe(200);
    const first = await vote(viewer.token, 1);
    expect(first.status).toBe(201);
    expect(first.body.poll).toMatchObject({ my_vote: 1, total_votes: 1 });
    const again = await vote(viewer.token, 2);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'CONFLICT', reason: 'already_voted' });
    expect((await vote(other.token, 3)).status).toBe(400);
    expect((await vote(other.token, 2)).status).toBe(201);
    // A kicked member cannot vote.
    const kicked = await newMember(sessionId);
    expect((await api.kick(host, sessionId, kicked.userId)).status).toBe(200);
    expect((await vote(kicked.token, 0)).body.error.reason).toBe('banned');

    const listed = await call(viewer.token, 'GET', pollsPath(sessionId));
    expect(listed.body.polls[0]).toMatchObject({ my_vote: 1, total_votes: 2 });
    expect(listed.body.polls[0].options.map((o: { votes: number }) => o.votes)).toEqual([0, 1, 1]);

    const closed = await call(host, 'POST', `${path}/close`);
    expect(closed.body.poll).toMatchObject({ status: 'closed', total_votes: 2 });
    expect((await vote(kicked.token, 0)).status).toBe(403);
    const late = await vote((await newMember(sessionId)).token, 0);
    expect(late.body.error).toMatchObject({ code: 'CONFLICT', reason: 'poll_closed' });
    expect((await call(host, 'POST', `${path}/open`)).body.error.reason).toBe('poll_closed');

    // The room heard it open, the votes and the close, from the server alone; never the draft.
    const last = await waitFor(
      () => packets.find((p) => (p.body as { poll?: Poll }).poll?.status === 'closed'),
      5_000,
      'the closed poll packet',
    );
    expect(pollsDataPacketSchema.parse(last.body).poll).toEqual({
      ...closed.body.poll,
      my_vote: null,
    });
    expect(packets.every((p) => p.from === undefined)).toBe(true);
    expect(packets.some((p) => (p.body as { poll: Poll }).poll.status === 'draft')).toBe(false);
    expect(packets.filter((p) => (p.body as { type?: string }).type !== 'poll')).toEqual([]);
  });

  it('counts 20 concurrent votes exactly, and reports polls and questions in the attendance JSON', async () => {
    const { sessionId, host } = await liveSession();
    const created = await create(host, sessionId, {
      question: 'Ready?',
      options: ['Yes', 'No'],
      open: true,
    });
    expect(created.body.poll.status).toBe('open');
    const members = await Promise.all(Array.from({ length: 20 }, () => newMember(sessionId)));
    const path = `${pollsPath(sessionId)}/${created.body.poll.id}/votes`;
    const answers = await Promise.all(
      members.map((m, i) => call(m.token, 'POST', path, { option: i % 4 === 0 ? 1 : 0 })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    const repeats = await Promise.all(
      members.map((m) => call(m.token, 'POST', path, { option: 0 })),
    );
    expect(repeats.map((a) => a.status)).toEqual(Array(20).fill(409));
    await call(host, 'POST', `/api/v1/live/sessions/${sessionId}/questions`, { text: 'Why?' });

    const report = await call(host, 'GET', `/api/v1/live/sessions/${sessionId}/attendance`);
    expect(report.body.polls).toEqual([
      {
        question: 'Ready?',
        status: 'open',
        options: [
          { text: 'Yes', votes: 15 },
          { text: 'No', votes: 5 },
        ],
        total_votes: 20,
      },
    ]);
    expect(report.body.questions).toMatchObject([
      { text: 'Why?', upvotes: 0, answered: false, hidden: false },
    ]);
  });

  it('keeps upvotes exact under 20 concurrent ones, refuses a repeat, sorts, and hides from all but moderators', async () => {
    const { sessionId, host, viewer } = await liveSession();
    const qPath = `/api/v1/live/sessions/${sessionId}/questions`;
    const room = await s.clients.connect(viewer.access_token);
    const packets = collectPackets(room, 'questions');
    expect((await call(viewer.token, 'POST', qPath, { text: 'x'.repeat(501) })).status).toBe(400);
    expect((await call(viewer.token, 'POST', qPath, { text: '   ' })).status).toBe(400);
    const first = await call(viewer.token, 'POST', qPath, { text: 'First?' });
    expect(first.status).toBe(201);
    expect(first.body.question).toMatchObject({ upvotes: 0, answered: false, hidden: false });
    const second = await call(viewer.token, 'POST', qPath, { text: 'Second?' });
    const id = second.body.question.id as string;

    const members = await Promise.all(Array.from({ length: 20 }, () => newMember(sessionId)));
    const upvote = (token: string) => call(token, 'POST', `${qPath}/${id}/upvote`);
    const votes = await Promise.all(members.map((m) => upvote(m.token)));
    expect(votes.map((v) => v.status)).toEqual(Array(20).fill(200));
    const repeat = await upvote(members[0]!.token);
    expect(repeat.status).toBe(409);
    expect(repeat.body.error.reason).toBe('already_upvoted');
    expect((await call(members[1]!.token, 'DELETE', `${qPath}/${id}/upvote`)).status).toBe(204);
    const listed = await call(members[0]!.token, 'GET', qPath);
    expect(listed.body.questions.map((q: { text: string }) => q.text)).toEqual([
      'Second?',
      'First?',
    ]);
    expect(listed.body.questions[0]).toMatchObject({ upvotes: 19, upvoted_by_me: true });
    // The room's last packet for it carries the exact count.
    await waitFor(
      () => {
        const mine = packets.filter(
          (p) => (p.body as { question: { id: string } }).question.id === id,
        );
        return (mine.at(-1)?.body as { question: { upvotes: number } }).question.upvotes === 19;
      },
      5_000,
      'the last upvote packet',
    );

    // Only moderators answer and hide; a hidden question leaves everyone's list but theirs.
    const patch = (token: string, body: unknown) => call(token, 'PATCH', `${qPath}/${id}`, body);
    expect((await patch(viewer.token, { hidden: true })).body.error.reason).toBe('not_moderator');
    expect((await patch(host, {})).status).toBe(400);
    expect((await patch(host, { answered: true })).body.question.answered).toBe(true);
    expect((await patch(host, { hidden: true })).body.question.hidden).toBe(true);
    const seen = await call(viewer.token, 'GET', qPath);
    expect(seen.body.questions.map((q: { text: string }) => q.text)).toEqual(['First?']);
    expect((await call(host, 'GET', qPath)).body.questions).toHaveLength(2);
    expect((await upvote(members[1]!.token)).status).toBe(404);
    const audit = await call(s.c.admin.token, 'GET', `/api/v1/admin/audit?session_id=${sessionId}`);
    expect(audit.body.entries[0]).toMatchObject({
      action: 'question_hide',
      target: { identity: viewer.identity },
    });
  });
});
