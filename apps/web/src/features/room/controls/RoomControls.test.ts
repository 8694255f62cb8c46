// @vitest-environment happy-dom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Track } from 'livekit-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addLocalTrack } from '../../../test-support/local-tracks.js';
import { fakeHostJoin, fakeSession } from '../testing/fake-api.js';
import { addRemoteParticipant, offlineRooms, receiveData } from '../testing/offline-livekit.js';
import { installRoomPageFakes, renderRoomPage, type RoomPageFakes } from '../testing/room-page.js';

vi.mock('livekit-client', async (importOriginal) =>
  (await import('../testing/offline-livekit.js')).offlineLiveKit(await importOriginal()),
);

const S = '/api/v1/live/sessions/s1';
const owner = { id: 'owner', email: 'ada@example.com', username: 'ada', role: 'mentor' as const };

// Generous waits: the machine may be busy with LiveKit and browsers from other tests.
const slow = { timeout: 5000 };

let fakes: RoomPageFakes;
beforeEach(() => {
  fakes = installRoomPageFakes();
});
afterEach(() => fakes.uninstall());

/** The host joins with the camera and microphone off; resolves with the connected room. */
async function joinAsHost() {
  renderRoomPage({
    'GET /api/v1/auth/me': { status: 200, body: { user: owner } },
    [`GET ${S}`]: { status: 200, body: fakeSession() },
    [`POST ${S}/join`]: fakeHostJoin,
    [`GET ${S}/chat`]: { status: 200, body: { messages: [], has_more: false } },
    [`GET ${S}/participants`]: { status: 200, body: { participants: [] } },
  });
  fireEvent.click(await screen.findByTestId('prejoin-camera', {}, slow));
  fireEvent.click(screen.getByTestId('prejoin-microphone'));
  fireEvent.click(screen.getByTestId('join-button'));
  await screen.findByTestId('stage', {}, slow);
  const room = offlineRooms.at(-1)!;
  await waitFor(() => expect(room.state).toBe('connected'), slow);
  return room;
}

const pressed = (testId: string) => screen.getByTestId(testId).getAttribute('aria-pressed');
const iconState = (testId: string) =>
  screen.getByTestId(testId).querySelector('svg')?.getAttribute('data-icon');

describe('the room controls', () => {
  it('say on or off with aria-pressed and a changing icon, keeping their name', async () => {
    const room = await joinAsHost();
    const microphone = screen.getByTestId('toggle-microphone');
    expect(pressed('toggle-microphone')).toBe('false');
    expect(iconState('toggle-microphone')).toBe('off');
    expect(microphone.getAttribute('aria-keyshortcuts')).toBe('Control+D');
    expect(microphone.getAttribute('title')).toBe('Microphone (Ctrl+D)');
    expect(screen.getByRole('button', { name: 'Microphone' })).toBe(microphone);
    expect(pressed('toggle-camera')).toBe('false');

    act(() => {
      addLocalTrack(room, Track.Source.Microphone);
    });
    await waitFor(() => expect(pressed('toggle-microphone')).toBe('true'), slow);
    expect(iconState('toggle-microphone')).toBe('on');
    expect(screen.getByRole('button', { name: 'Microphone' })).toBe(microphone);
    // Every control carries an icon, hidden from assistive technology.
    const controls = screen.getByRole('group', { name: 'Room controls' });
    for (const button of within(controls).getAllByRole('button')) {
      expect(
        button.querySelector('svg[aria-hidden="true"]'),
        button.textContent ?? '',
      ).not.toBeNull();
    }
  });

  it('turn the microphone on with Ctrl+D and the camera with Ctrl+E, from anywhere but typing', async () => {
    const room = await joinAsHost();
    const microphone = vi
      .spyOn(room.localParticipant, 'setMicrophoneEnabled')
      .mockResolvedValue(undefined);
    const camera = vi.spyOn(room.localParticipant, 'setCameraEnabled').mockResolvedValue(undefined);

    const chat = screen.getByTestId('chat-input');
    chat.focus();
    // Typing the letters does nothing; neither do ⌘ (not an Apple system here) or Ctrl+Shift.
    fireEvent.keyDown(chat, { key: 'd', code: 'KeyD' });
    fireEvent.keyDown(chat, { key: 'e', code: 'KeyE', metaKey: true });
    fireEvent.keyDown(chat, { key: 'D', code: 'KeyD', ctrlKey: true, shiftKey: true });
    expect(microphone).not.toHaveBeenCalled();
    expect(camera).not.toHaveBeenCalled();

    // The browser's own Ctrl+D (bookmark) is kept from running.
    let notPrevented = true;
    act(() => {
      notPrevented = fireEvent.keyDown(chat, { key: 'd', code: 'KeyD', ctrlKey: true });
    });
    expect(notPrevented).toBe(false);
    await waitFor(() => expect(microphone).toHaveBeenCalledTimes(1), slow);
    expect(microphone.mock.calls[0]![0]).toBe(true);

    act(() => {
      fireEvent.keyDown(document.body, { key: 'e', code: 'KeyE', ctrlKey: true });
    });
    await waitFor(() => expect(camera).toHaveBeenCalledTimes(1), slow);
    expect(camera.mock.calls[0]![0]).toBe(true);
  });

  it('draws a raised hand as an icon, counts it on the people label and tells the host', async () => {
    const room = await joinAsHost();
    act(() => addRemoteParticipant(room, 'guest:g1', 'Bo', 'viewer'));
    const row = await screen.findByTestId('participant-g1', {}, slow);
    act(() => receiveData(room, 'hand', { identity: 'guest:g1', raised: true }));
    const hand = within(row).getByTestId('hand-g1');
    expect(hand.getAttribute('aria-label')).toBe('Bo raised a hand');
    expect(hand.querySelector('svg')).not.toBeNull();
    expect(hand.textContent).toBe('');
    const badge = screen.getByTestId('people-hands');
    expect(badge.textContent).toContain('1 raised hand');
    expect(badge.textContent).not.toContain('hands');
    const toast = await screen.findByTestId('toast', {}, slow);
    expect(toast.textContent).toContain('Bo raised a hand');

    act(() => addRemoteParticipant(room, 'guest:g2', 'Cy', 'viewer'));
    await screen.findByTestId('participant-g2', {}, slow);
    act(() => receiveData(room, 'hand', { identity: 'guest:g2', raised: true }));
    await waitFor(() => expect(badge.textContent).toContain('2 raised hands'), slow);
  });
});
