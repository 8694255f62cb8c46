import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { newInvite } from './invite.js';
import { DEFAULT_EVENT_MINUTES, sessionCalendarEvent } from './session-calendar.js';
import type { SessionRow, SessionView } from './session-repository.js';

const id = '6f1c2a52-8f7e-4c55-9a55-0a3a4b2c1d10';
const publicUrl = 'https://class.example.org:8443';

function view(changes: Partial<SessionRow> = {}): SessionView {
  const session: SessionRow = {
    sessionId: id,
    ownerId: 'u1',
    title: 'Algebra',
    description: '',
    sessionType: 'broadcast',
    status: 'scheduled',
    maxParticipants: 0,
    isPublic: true,
    isRecorded: false,
    inviteHash: null,
    inviteExpiresAt: null,
    scheduledAt: new Date('2030-03-10T09:00:00Z'),
    startedAt: null,
    endedAt: null,
    revision: 0,
    waitingRoom: false,
    createdAt: new Date('2030-01-01T00:00:00Z'),
    updatedAt: new Date('2030-01-02T00:00:00Z'),
    ...changes,
  };
  return { session, hostName: 'ada', participantCount: 0 };
}

describe('a session as a calendar event', () => {
  it('starts at the scheduled time, lasts the default hour, and names itself by id and host', () => {
    const event = sessionCalendarEvent({ view: view({ revision: 3 }), publicUrl });
    expect(event.uid).toBe(`${id}@class.example.org`);
    expect(event.sequence).toBe(3);
    expect(event.start.toISOString()).toBe('2030-03-10T09:00:00.000Z');
    expect(event.end.getTime() - event.start.getTime()).toBe(DEFAULT_EVENT_MINUTES * 60_000);
    expect(event.url).toBe(`${publicUrl}/live/${id}`);
    expect(event.description).toBe(event.url);
    expect(event.status).toBe('CONFIRMED');
  });

  it('starts when it went live when it was never scheduled', () => {
    const startedAt = new Date('2030-02-01T12:34:00Z');
    const event = sessionCalendarEvent({
      view: view({ scheduledAt: null, startedAt, status: 'live' }),
      publicUrl,
    });
    expect(event.start).toEqual(startedAt);
  });

  it('has no event without any start time', () => {
    const read = () => sessionCalendarEvent({ view: view({ scheduledAt: null }), publicUrl });
    expect(read).toThrow(AppError);
    try {
      read();
    } catch (error) {
      expect((error as AppError).reason).toBe('not_scheduled');
    }
  });

  it('is cancelled, one revision later, when the session ended without going live', () => {
    const event = sessionCalendarEvent({
      view: view({ status: 'ended', endedAt: new Date(), revision: 1 }),
      publicUrl,
    });
    expect(event.status).toBe('CANCELLED');
    expect(event.sequence).toBe(2);
  });

  it('keeps a valid invite in the link of a private session, and no other', () => {
    const invite = newInvite(3600);
    const secret = view({
      isPublic: false,
      inviteHash: invite.hash,
      inviteExpiresAt: invite.expiresAt,
    });
    const withInvite = sessionCalendarEvent({
      view: secret,
      publicUrl,
      inviteToken: invite.secret,
    });
    expect(withInvite.url).toBe(`${publicUrl}/live/${id}?invite=${invite.secret}`);
    const forged = sessionCalendarEvent({ view: secret, publicUrl, inviteToken: 'forged' });
    expect(forged.url).toBe(`${publicUrl}/live/${id}`);
  });
});
