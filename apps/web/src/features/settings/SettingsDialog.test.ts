// @vitest-environment happy-dom
import { createElement } from 'react';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../i18n/create-i18n.js';
import { FakeAudioContext, FrameQueue } from '../../test-support/fake-audio-context.js';
import { FakeMediaDevices } from '../../test-support/fake-media-devices.js';
import { cleanUpAfterEach } from '../../test-support/clean-up.js';
import { SettingsDialog } from './SettingsDialog.js';

let devices: FakeMediaDevices;
let uninstall: () => void;

beforeEach(() => {
  devices = new FakeMediaDevices();
  uninstall = devices.install();
  const frames = new FrameQueue();
  vi.stubGlobal('AudioContext', FakeAudioContext);
  vi.stubGlobal('requestAnimationFrame', frames.request);
  vi.stubGlobal('cancelAnimationFrame', frames.cancel);
});

cleanUpAfterEach(() => uninstall(), vi.unstubAllGlobals);

function renderDialog(open: boolean, onClose = () => {}) {
  const i18n = createI18n(['en']);
  const tree = (isOpen: boolean) =>
    createElement(
      I18nextProvider,
      { i18n },
      createElement(SettingsDialog, { open: isOpen, onClose }),
    );
  const view = render(tree(open));
  return { ...view, setOpen: (isOpen: boolean) => view.rerender(tree(isOpen)) };
}

describe('SettingsDialog', () => {
  it('asks for no device while closed', async () => {
    renderDialog(false);
    await act(async () => {});
    expect(devices.getUserMediaCalls).toEqual([]);
  });

  it('asks for permission when opened and then lists the devices by name', async () => {
    renderDialog(true);
    expect(await screen.findByRole('option', { name: 'USB Headset' })).toBeDefined();
    expect(devices.getUserMediaCalls[0]).toEqual({ audio: true, video: true });
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeDefined();
  });

  it('labels every control', async () => {
    renderDialog(true);
    await screen.findByRole('option', { name: 'USB Headset' });
    for (const name of [
      'Microphone',
      'Camera',
      'Noise suppression',
      'Echo cancellation',
      'Automatic gain control',
      'Voice isolation (experimental)',
      'Camera quality',
      'Language',
    ]) {
      expect(screen.getByLabelText(name)).toBeDefined();
    }
    expect(screen.getByRole('meter', { name: 'Microphone level' })).toBeDefined();
  });

  it('stores the choices made in it', async () => {
    renderDialog(true);
    await screen.findByRole('option', { name: 'USB Headset' });

    fireEvent.change(screen.getByLabelText('Microphone'), { target: { value: 'mic-2' } });
    fireEvent.click(screen.getByLabelText('Noise suppression'));
    fireEvent.change(screen.getByLabelText('Camera quality'), { target: { value: '1080p' } });

    expect(JSON.parse(localStorage.getItem('stagecast.devices') ?? '{}')).toEqual({
      audioinput: 'mic-2',
    });
    expect(JSON.parse(localStorage.getItem('stagecast.audio') ?? '{}')).toMatchObject({
      noiseSuppression: false,
    });
    expect(localStorage.getItem('stagecast.video.preset')).toBe('"1080p"');
  });

  it('captures a microphone preview for the meter and releases it on closing', async () => {
    const { setOpen } = renderDialog(true);
    await waitFor(() => expect(devices.getUserMediaCalls).toHaveLength(2));
    expect(devices.getUserMediaCalls[1]).toMatchObject({ audio: { noiseSuppression: true } });
    const preview = devices.issuedTracks.at(-1);
    expect(preview?.readyState).toBe('live');

    setOpen(false);

    expect(preview?.readyState).toBe('ended');
  });

  it('reports closing through its close button', async () => {
    const onClose = vi.fn();
    renderDialog(true, onClose);
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });

  it('lists the microphone and camera shortcuts for this system', async () => {
    renderDialog(true);
    const list = await screen.findByTestId('settings-shortcuts');
    expect(screen.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeDefined();
    expect(list.textContent).toContain('Microphone on or off');
    // happy-dom reports no Apple platform: Ctrl.
    expect(screen.getByTestId('shortcut-microphone').textContent).toBe('Ctrl+D');
    expect(screen.getByTestId('shortcut-camera').textContent).toBe('Ctrl+E');
  });
});
