import { adminMessages } from '../../features/admin/messages.js';
import { lobbyMessages } from '../../features/room/lobby/strings.js';
import { ingestMessages } from '../../features/room/ingest/strings.js';
import { classroomMessages } from '../../features/room/polls/strings.js';
import { roomMessages } from '../../features/room/messages.js';
import { en as shell } from '../../app/strings/en.js';
/** English strings: the reference every other language must match key for key. */
export const en = {
  room: roomMessages.en,
  lobby: lobbyMessages.en,
  ingest: ingestMessages.en,
  classroom: classroomMessages.en,
  admin: adminMessages.en,
  shell,
  app: {
    name: 'Stagecast',
  },
  language: {
    label: 'Language',
  },
  settings: {
    title: 'Settings',
    close: 'Close',
    devices: {
      heading: 'Devices',
      audioinput: 'Microphone',
      videoinput: 'Camera',
      audiooutput: 'Speaker',
      default: 'Browser default',
      unnamed: '{{kind}} {{number}}',
    },
    permission: {
      unknown: 'Device names appear once you allow camera and microphone access.',
      pending: 'Waiting for your permission…',
      granted: 'Camera and microphone access allowed.',
      denied:
        "Camera and microphone access is blocked. Allow it in your browser's site settings, then open the settings again.",
      unavailable: 'No camera or microphone is available in this browser.',
    },
    audio: {
      heading: 'Audio',
      noiseSuppression: 'Noise suppression',
      echoCancellation: 'Echo cancellation',
      autoGainControl: 'Automatic gain control',
      voiceIsolation: 'Voice isolation (experimental)',
      meter: 'Microphone level',
      meterHint: 'Speak: the bar should move.',
    },
    shortcuts: {
      heading: 'Keyboard shortcuts',
      microphone: 'Microphone on or off',
      camera: 'Camera on or off',
      note: 'In a room, when you can use your camera and microphone.',
    },
    video: {
      heading: 'Video',
      quality: 'Camera quality',
      presets: {
        '480p': '480p (640×480), low bandwidth',
        '720p': '720p (1280×720), recommended',
        '1080p': '1080p (1920×1080), high quality',
      },
    },
  },
};

/** The shape of every language's strings. */
export type Messages = typeof en;
