import { useCallback } from 'react';
import { apiRoutes as r } from '@stagecast/contracts';
import type { CreatePollBody, Poll } from '@stagecast/contracts';
import { request } from '../../../api/client.js';
import { sessionsApi } from '../../../api/endpoints.js';
import { PACKETS } from '../data-packets.js';
import { useSyncedList } from '../useSyncedList.js';
import type { SyncedSource } from '../useSyncedList.js';
import { mergePoll, orderPolls } from './polls-state.js';

export interface UsePollsResult {
  polls: readonly Poll[];
  failed: boolean;
  create: (body: CreatePollBody) => Promise<void>;
  open: (pollId: string) => Promise<void>;
  close: (pollId: string) => Promise<void>;
  vote: (pollId: string, option: number) => Promise<void>;
}

const polls: SyncedSource<Poll, 'poll_id'> = {
  param: 'poll_id',
  load: async (sessionId) => (await sessionsApi.polls(sessionId)).polls,
  packets: PACKETS.polls,
  merge: mergePoll,
};

/** The session's polls (issue 15), live over topic `polls`, with the calls that change them. */
export function usePolls(sessionId: string): UsePollsResult {
  const list = useSyncedList(sessionId, polls);
  const { put, at } = list;
  return {
    polls: orderPolls(list.items),
    failed: list.failed,
    create: useCallback(
      async (body: CreatePollBody) =>
        put((await request(r.createPoll, { params: { session_id: sessionId }, body })).poll),
      [sessionId, put],
    ),
    open: useCallback(
      async (pollId: string) => put((await request(r.openPoll, { params: at(pollId) })).poll),
      [at, put],
    ),
    close: useCallback(
      async (pollId: string) => put((await request(r.closePoll, { params: at(pollId) })).poll),
      [at, put],
    ),
    vote: useCallback(
      async (pollId: string, option: number) =>
        put((await request(r.votePoll, { params: at(pollId), body: { option } })).poll),
      [at, put],
    ),
  };
}
