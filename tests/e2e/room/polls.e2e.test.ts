import { join } from 'node:path';
import type { Room } from '@livekit/rtc-node';
import type { Poll, Question } from '@stagecast/contracts';
import { pollsDataPacketSchema } from '@stagecast/contracts';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectPackets } from '../../../apps/server/test/support/data-packets.js';
import type { ReceivedPacket } from '../../../apps/server/test/support/data-packets.js';
import { connectClient } from '../../../apps/server/test/support/media.js';
import { waitFor } from '../../../apps/server/test/support/processes.js';
import { api, apiOk } from '../support/api.js';
import { SCREENSHOTS, useE2eApp } from '../support/app.js';
import { newContext } from '../support/browser.js';
import { enterRoom } from '../support/room.js';
import { teacherHosts } from '../support/teacher.js';

const VOTERS = 20;
/** Voters connecting at once. */
const CONNECT_BATCH = 5;

describe('polls and Q&A with 20 rtc-node voters and two Chromium pages (issue 15)', () => {
  const rooms: Room[] = [];
  const e2e = useE2eApp({
    beforeStop: () => Promise.all(rooms.map((r) => r.disconnect().catch(() => undefined))),
    teacher: true,
  });
  let sessionId: string;
  let host: Page;
  let viewer: Page;
  let voters: { token: string; packets: ReceivedPacket[] }[];

  beforeAll(async () => {
    ({ host, sessionId } = await teacherHosts(e2e, {
      title: 'Polls class',
      session_type: 'broadcast',
    }));
    // The second page: a guest viewer, as a student arriving from a link.
    const viewerContext = await newContext(e2e.browser);
    const guest = await viewerContext.request.post(`${e2e.baseUrl}/api/v1/auth/guest`, {
      data: { display_name: 'Vera' },
    });
    expect(guest.status()).toBe(201);
    viewer = await viewerContext.newPage();
    // Voters: guests that join and listen on the data channel, subscribing to no media. They
    // connect a few at a time (rtc-node lost a room handle now and then when all 20 connected
    // at once with its log capture on; one at a time took 27 s).
    const joinVoter = async (i: number) => {
      const { token } = await apiOk(e2e.baseUrl)<{ token: string }>('POST', '/api/v1/auth/guest', {
        display_name: `Voter ${i}`,
      });
      const joined = await apiOk(e2e.baseUrl, token)<{ access_token: string }>(
        'POST',
        `/api/v1/live/sessions/${sessionId}/join`,
        {},
      );
      return { token, accessToken: joined.access_token };
    };
    const connectAll = async () => {
      const joined = await Promise.all(Array.from({ length: VOTERS }, (_, i) => joinVoter(i + 1)));
      const connected: { token: string; packets: ReturnType<typeof collectPackets> }[] = [];
      const start = Date.now();
      for (let i = 0; i < joined.length; i += CONNECT_BATCH) {
        const batch = joined.slice(i, i + CONNECT_BATCH);
        const batchRooms = await Promise.all(
          batch.map((v) => connectClient(e2e.app.livekitUrl, v.accessToken)),
        );
        batchRooms.forEach((room, j) => {
          rooms.push(room);
          connected.push({ token: batch[j]!.token, packets: collectPackets(room) });
        });
      }
      console.log(
        `${VOTERS} voters connected ${CONNECT_BATCH} at a time in ${Date.now() - start} ms`,
      );
      return connected;
    };
    [voters] = await Promise.all([
      connectAll(),
      enterRoom(host, e2e.baseUrl, sessionId),
      enterRoom(viewer, e2e.baseUrl, sessionId),
    ]);
  }, 240_000);

  /** What a page shows of the poll: votes per option, read from the result bars. */
  const shownCounts = (page: Page, pollId: string) =>
    page
      .locator(`[data-testid="poll-${pollId}"] [data-testid^="poll-result-"]`)
      .evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-votes'))));
  const lastPoll = (packets: ReceivedPacket[], pollId: string) =>
    packets
      .filter((p) => p.topic === 'polls')
      .map((p) => pollsDataPacketSchema.parse(p.body).poll)
      .filter((p) => p.id === pollId)
      .at(-1);

  it('counts every concurrent vote exactly, refuses a second, and shows the same results everywhere', async () => {
    // The host writes the poll in the room and opens it at once.
    await host.getByTestId('poll-question-input').fill('Which topic next week?');
    await host.getByTestId('poll-option-input-0').fill('Codecs');
    await host.getByTestId('poll-option-input-1').fill('Simulcast');
    await host.getByTestId('poll-add-option').click();
    await host.getByTestId('poll-option-input-2').fill('TURN');
    await host.getByTestId('poll-create-submit').click();
    const card = viewer.locator('[data-testid^="poll-"][data-status="open"]');
    await card.waitFor({ timeout: 10_000 });
    const pollId = (await card.getAttribute('data-testid'))!.slice('poll-'.length);
    const votes = `/api/v1/live/sessions/${sessionId}/polls/${pollId}/votes`;

    // 20 API votes at once, and the viewer's click.
    const started = Date.now();
    const answers = await Promise.all([
      ...voters.map((v, i) => api(e2e.baseUrl, v.token)('POST', votes, { option: i % 3 })),
      viewer.getByTestId('poll-vote-1').click(),
    ]);
    const statuses = answers.slice(0, VOTERS).map((a) => (a as { status: number }).status);
    expect(statuses).toEqual(Array(VOTERS).fill(201));
    const again = await api(e2e.baseUrl, voters[0]!.token)<{ error: { reason: string } }>(
      'POST',
      votes,
      { option: 2 },
    );
    expect(again.status).toBe(409);
    expect(again.body.error.reason).toBe('already_voted');

    // The API's counts: 7 + 7 + 6 from the voters, one more for option 1 from the viewer.
    const asHost = apiOk(e2e.baseUrl, voters[1]!.token);
    const expected = [7, 8, 6];
    await waitFor(
      async () => {
        const { polls } = await asHost<{ polls: Poll[] }>(
          'GET',
          `/api/v1/live/sessions/${sessionId}/polls`,
        );
        return polls[0]!.total_votes === VOTERS + 1 || undefined;
      },
      5_000,
      'the viewer’s vote',
    );
    const { polls } = await asHost<{ polls: Poll[] }>(
      'GET',
      `/api/v1/live/sessions/${sessionId}/polls`,
    );
    const api_ = polls[0]!;
    expect(api_.options.map((o) => o.votes)).toEqual(expected);

    // Every data receiver's last packet is the API's poll; both pages show the same counts.
    await waitFor(
      () =>
        voters.every((v) => lastPoll(v.packets, pollId)?.total_votes === VOTERS + 1) || undefined,
      // Delivery, not speed, is asserted here (the time is reported below): 20 clients in one
      // test process under a loaded run once took over 5 s.
      15_000,
      'the last results packet at every voter',
    );
    for (const v of voters) expect(lastPoll(v.packets, pollId)).toEqual({ ...api_, my_vote: null });
    const settled = Date.now() - started;
    for (const page of [host, viewer]) {
      await waitFor(
        async () =>
          JSON.stringify(await shownCounts(page, pollId)) === JSON.stringify(expected) || undefined,
        5_000,
        'the counts on the page',
      );
    }
    // Coalesced: far fewer packets than votes, per receiver.
    const perVoter = voters.map((v) => v.packets.filter((p) => p.topic === 'polls').length);
    expect(Math.max(...perVoter)).toBeLessThan(VOTERS);
    console.log(
      `poll: ${VOTERS + 1} votes settled in ${settled} ms; packets per voter ${Math.min(...perVoter)}–${Math.max(...perVoter)}`,
    );

    // The poll in view in the side column, the page itself at its top.
    await host.getByTestId(`poll-${pollId}`).evaluate((card) => {
      card.scrollIntoView({ block: 'end' });
      window.scrollTo(0, 0);
    });
    await host.screenshot({ path: join(SCREENSHOTS, 'room-poll.png') });
  });

  it('keeps Q&A upvotes exact under 20 concurrent ones, on both pages', async () => {
    await viewer.getByTestId('qa-input').fill('Will the slides be shared?');
    await viewer.getByTestId('qa-ask').click();
    const item = host.locator('[data-testid^="question-"][data-upvotes]');
    await item.first().waitFor({ timeout: 10_000 });
    const questionId = (await item.first().getAttribute('data-testid'))!.slice('question-'.length);
    const path = `/api/v1/live/sessions/${sessionId}/questions/${questionId}/upvote`;
    const answers = await Promise.all(voters.map((v) => api(e2e.baseUrl, v.token)('POST', path)));
    expect(answers.map((a) => a.status)).toEqual(Array(VOTERS).fill(200));
    expect((await api(e2e.baseUrl, voters[3]!.token)('POST', path)).status).toBe(409);
    const { questions } = await apiOk(e2e.baseUrl, voters[0]!.token)<{ questions: Question[] }>(
      'GET',
      `/api/v1/live/sessions/${sessionId}/questions`,
    );
    expect(questions[0]).toMatchObject({ id: questionId, upvotes: VOTERS, upvoted_by_me: true });
    for (const page of [host, viewer]) {
      await page
        .locator(`[data-testid="question-${questionId}"][data-upvotes="${VOTERS}"]`)
        .waitFor({ timeout: 15_000 });
    }
  });
});
