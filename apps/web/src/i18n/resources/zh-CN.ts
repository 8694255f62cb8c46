import { adminMessages } from '../../features/admin/messages.js';
import { lobbyMessages } from '../../features/room/lobby/strings.js';
import { ingestMessages } from '../../features/room/ingest/strings.js';
import { classroomMessages } from '../../features/room/polls/strings.js';
import { roomMessages } from '../../features/room/messages.js';
import { zhCN as shell } from '../../app/strings/zh-CN.js';
import type { Messages } from './en.js';

/** Simplified Chinese strings. */
export const zhCN: Messages = {
  room: roomMessages.zhCN,
  lobby: lobbyMessages.zhCN,
  ingest: ingestMessages.zhCN,
  classroom: classroomMessages.zhCN,
  admin: adminMessages.zhCN,
  shell,
  app: {
    name: 'Stagecast',
  },
  language: {
    label: '语言',
  },
  settings: {
    title: '设置',
    close: '关闭',
    devices: {
      heading: '设备',
      audioinput: '麦克风',
      videoinput: '摄像头',
      audiooutput: '扬声器',
      default: '浏览器默认',
      unnamed: '{{kind}} {{number}}',
    },
    permission: {
      unknown: '允许使用摄像头和麦克风后，将显示设备名称。',
      pending: '正在等待你的授权…',
      granted: '已允许使用摄像头和麦克风。',
      denied: '摄像头和麦克风的访问已被阻止。请在浏览器的网站设置中允许访问，然后重新打开设置。',
      unavailable: '此浏览器中没有可用的摄像头或麦克风。',
    },
    audio: {
      heading: '音频',
      noiseSuppression: '降噪',
      echoCancellation: '回声消除',
      autoGainControl: '自动增益控制',
      voiceIsolation: '人声隔离（实验性）',
      meter: '麦克风音量',
      meterHint: '请说话：音量条应会跳动。',
    },
    shortcuts: {
      heading: '键盘快捷键',
      microphone: '打开或关闭麦克风',
      camera: '打开或关闭摄像头',
      note: '在房间中，当你可以使用摄像头和麦克风时有效。',
    },
    video: {
      heading: '视频',
      quality: '摄像头画质',
      presets: {
        '480p': '480p（640×480），低带宽',
        '720p': '720p（1280×720），推荐',
        '1080p': '1080p（1920×1080），高画质',
      },
    },
  },
};
