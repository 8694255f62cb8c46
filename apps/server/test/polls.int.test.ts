import type { Poll } from '@stagecast/contracts';
import { pollsDataPacketSchema } from '@stagecast/contracts';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from './support/api.js';
import { collectPackets } from './support/data-packets.js';
import { waitFor } from './support/processes.js';
import { useStack } from './support/use-stack.js';

const pollsPath = (sessionId: string) => `/api/v1/live/sessions/${sessionId}/polls`;

/** A poll as the attendance report lists it: each option's count, in order, and their sum. */
const reportedPoll = (
  question: string,
  status: string,
  votes: [text: string, votes: number][],
) => ({
  question,
  status,
  options: votes.map(([text, count]) => ({ text, votes: count })),
  total_votes: votes.reduce((sum, [, count]) => sum + count, 0),
});

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
    return { token: user.token, userId: user.user.id, name: user.user.username, ...joined.body };
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
      reportedPoll('Ready?', 'open', [
        ['Yes', 15],
        ['No', 5],
      ]),
    ]);
    expect(report.body.questions).toMatchObject([
      { text: 'Why?', upvotes: 0, answered: false, hidden: false },
    ]);
  });

  it('lists every poll but drafts and every question, with exact counts, in the ended session’s attendance JSON', async () => {
    const { sessionId, host, viewer } = await liveSession();
    const base = `/api/v1/live/sessions/${sessionId}`;
    const members = [
      viewer,
      ...(await Promise.all([0, 1, 2, 3, 4].map(() => newMember(sessionId)))),
    ];
    /** `votes[i]` is member i's option; each vote must be taken. */
    const voteAll = async (pollId: string, votes: [member: number, option: number][]) => {
      const path = `${pollsPath(sessionId)}/${pollId}/votes`;
      const answers = await Promise.all(
        votes.map(([i, option]) => call(members[i]!.token, 'POST', path, { option })),
      );
      expect(answers.map((a) => a.status)).toEqual(votes.map(() => 201));
    };
    // A closed poll (4, 0, 2), one left open (0, 1), a draft nobody saw.
    const day = await create(host, sessionId, {
      question: 'Which day?',
      options: ['Mon', 'Tue', 'Wed'],
      open: true,
    });
    await voteAll(day.body.poll.id, [
      [0, 0],
      [1, 0],
      [2, 2],
      [3, 0],
      [4, 2],
      [5, 0],
    ]);
    expect(
      (await call(host, 'POST', `${pollsPath(sessionId)}/${day.body.poll.id}/close`)).status,
    ).toBe(200);
    const pace = await create(host, sessionId, {
      question: 'Pace?',
      options: ['Slow', 'Fine'],
      open: true,
    });
    await voteAll(pace.body.poll.id, [[1, 1]]);
    expect(
      (await create(host, sessionId, { question: 'Draft?', options: ['a', 'b'] })).status,
    ).toBe(201);

    // Questions: 4 upvotes, 2 and answered, none and hidden.
    const ask = async (asker: number, text: string) => {
      const res = await call(members[asker]!.token, 'POST', `${base}/questions`, { text });
      expect(res.status).toBe(201);
      return res.body.question.id as string;
    };
    const first = await ask(0, 'When is the exam?');
    const second = await ask(1, 'Will slides be shared?');
    const third = await ask(2, 'Off topic?');
    const upvote = async (id: string, voters: number[]) => {
      const answers = await Promise.all(
        voters.map((i) => call(members[i]!.token, 'POST', `${base}/questions/${id}/upvote`)),
      );
      expect(answers.map((a) => a.status)).toEqual(voters.map(() => 200));
    };
    await upvote(second, [0, 2, 3, 4]);
    await upvote(first, [1, 5]);
    expect(
      (await call(host, 'PATCH', `${base}/questions/${first}`, { answered: true })).status,
    ).toBe(200);
    expect((await call(host, 'PATCH', `${base}/questions/${third}`, { hidden: true })).status).toBe(
      200,
    );

    expect((await call(host, 'POST', `${base}/end`)).status).toBe(200);
    const report = await call(host, 'GET', `${base}/attendance`);
    expect(report.status).toBe(200);
    expect(report.body.session.status).toBe('ended');
    expect(report.body.polls).toEqual([
      reportedPoll('Which day?', 'closed', [
        ['Mon', 4],
        ['Tue', 0],
        ['Wed', 2],
      ]),
      // Ending the session leaves a poll as it was: its counts are the current ones.
      reportedPoll('Pace?', 'open', [
        ['Slow', 0],
        ['Fine', 1],
      ]),
    ]);
    // Most upvoted first, hidden ones included and marked.
    const questions = report.body.questions as { created_at: string }[];
    expect(
      questions.every(
        (q) => Date.parse(q.created_at) >= Date.parse(report.body.session.started_at),
      ),
    ).toBe(true);
    expect(questions.map(({ created_at: _at, ...rest }) => rest)).toEqual([
      {
        text: 'Will slides be shared?',
        author: members[1]!.name,
        upvotes: 4,
        answered: false,
        hidden: false,
      },
      {
        text: 'When is the exam?',
        author: members[0]!.name,
        upvotes: 2,
        answered: true,
        hidden: false,
      },
      { text: 'Off topic?', author: members[2]!.name, upvotes: 0, answered: false, hidden: true },
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

describe('Q&A asking at its real rate limit', () => {
  const s = useStack({ env: { RATE_LIMIT_MULTIPLIER: '1' } });

  it('takes 5 questions a minute from one caller and answers the 6th with 429 JSON and Retry-After', async () => {
    const api = s.c.api;
    const sessionId = (await api.createSession(s.c.mentor.token, { start_now: true })).session_id;
    const qPath = `/api/v1/live/sessions/${sessionId}/questions`;
    const [asker, other] = [await api.register(), await api.register()];
    for (const who of [asker, other])
      expect((await api.join(who.token, sessionId)).status).toBe(200);
    const started = Date.now();
    const statuses: number[] = [];
    for (let i = 1; i <= 5; i += 1) {
      statuses.push(
        (await api.call('POST', qPath, { token: asker.token, body: { text: `Q${i}?` } })).status,
      );
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201]);
    const sixth = await api.call('POST', qPath, { token: asker.token, body: { text: 'Q6?' } });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('content-type')).toMatch(/^application\/json/);
    expect(sixth.body.error.code).toBe('RATE_LIMITED');
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    // The limit is the caller's: someone else still asks; the 6th question was never stored.
    expect(
      (await api.call('POST', qPath, { token: other.token, body: { text: 'Mine?' } })).status,
    ).toBe(201);
    const listed = await api.call('GET', qPath, { token: asker.token });
    expect(listed.body.questions.map((q: { text: string }) => q.text).sort()).toEqual([
      'Mine?',
      'Q1?',
      'Q2?',
      'Q3?',
      'Q4?',
      'Q5?',
    ]);
  });
});
