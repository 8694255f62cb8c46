import { adminMessages } from '../../features/admin/messages.js';
import { lobbyMessages } from '../../features/room/lobby/strings.js';
import { ingestMessages } from '../../features/room/ingest/strings.js';
import { classroomMessages } from '../../features/room/polls/strings.js';
import { roomMessages } from '../../features/room/messages.js';
import { ko as shell } from '../../app/strings/ko.js';
import type { Messages } from './en.js';

/** Korean strings. */
export const ko: Messages = {
  room: roomMessages.ko,
  lobby: lobbyMessages.ko,
  ingest: ingestMessages.ko,
  classroom: classroomMessages.ko,
  admin: adminMessages.ko,
  shell,
  app: {
    name: 'Stagecast',
  },
  language: {
    label: '언어',
  },
  settings: {
    title: '설정',
    close: '닫기',
    devices: {
      heading: '장치',
      audioinput: '마이크',
      videoinput: '카메라',
      audiooutput: '스피커',
      default: '브라우저 기본값',
      unnamed: '{{kind}} {{number}}',
    },
    permission: {
      unknown: '카메라와 마이크 접근을 허용하면 장치 이름이 표시됩니다.',
      pending: '권한 허용을 기다리는 중…',
      granted: '카메라와 마이크 접근이 허용되었습니다.',
      denied:
        '카메라와 마이크 접근이 차단되어 있습니다. 브라우저의 사이트 설정에서 허용한 뒤 설정을 다시 여세요.',
      unavailable: '이 브라우저에서 사용할 수 있는 카메라나 마이크가 없습니다.',
    },
    audio: {
      heading: '오디오',
      noiseSuppression: '소음 억제',
      echoCancellation: '에코 제거',
      autoGainControl: '자동 음량 조절',
      voiceIsolation: '음성 분리 (실험적)',
      meter: '마이크 음량',
      meterHint: '말해 보세요. 막대가 움직이면 정상입니다.',
    },
    shortcuts: {
      heading: '키보드 단축키',
      microphone: '마이크 켜기/끄기',
      camera: '카메라 켜기/끄기',
      note: '방에서 카메라와 마이크를 사용할 수 있을 때 작동합니다.',
    },
    video: {
      heading: '비디오',
      quality: '카메라 화질',
      presets: {
        '480p': '480p (640×480), 저대역폭',
        '720p': '720p (1280×720), 권장',
        '1080p': '1080p (1920×1080), 고화질',
      },
    },
  },
};
