import { createElement } from 'react';
import { cleanup } from '@testing-library/react';
import { BrowserRouter } from 'react-router';
import { vi } from 'vitest';
import { FakeMediaDevices } from '../../../test-support/fake-media-devices.js';
import { renderInApp } from '../../../test-support/render-in-app.js';
import { RoomPage } from '../RoomPage.js';
import { installFakeApi, type FakeCall, type FakeRoute } from './fake-api.js';
import { offlineRooms } from './offline-livekit.js';

export interface RoomPageFakes {
  /** The fake camera and microphone the page sees. */
  devices: FakeMediaDevices;
  /** Unmounts the page and undoes every fake (devices, `fetch`, stored settings). */
  uninstall: () => void;
}

/**
 * What each room page test starts from (call it in `beforeEach`): fake devices, the browser at
 * `/live/s1`, and no offline room left from the test before.
 */
export function installRoomPageFakes(): RoomPageFakes {
  const devices = new FakeMediaDevices();
  const uninstallDevices = devices.install();
  window.history.replaceState(null, '', '/live/s1');
  offlineRooms.length = 0;
  return {
    devices,
    uninstall: () => {
      cleanup();
      uninstallDevices();
      vi.unstubAllGlobals();
      localStorage.clear();
    },
  };
}

/** Renders the room page of session `s1` against a fake API; returns the API calls made. */
export function renderRoomPage(routes: Record<string, FakeRoute>): FakeCall[] {
  const calls = installFakeApi(routes);
  renderInApp(createElement(BrowserRouter, null, createElement(RoomPage, { sessionId: 's1' })));
  return calls;
}
