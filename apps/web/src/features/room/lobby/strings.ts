import { featureStrings } from '../../../i18n/feature-strings.js';

/** The waiting room's strings (issue 15) in every language; `en` is the reference. */
export const lobbyMessages = featureStrings(
  {
    create: {
      label: 'Waiting room: people wait until a host lets them in',
    },
    wait: {
      title: 'Waiting to be let in',
      body: 'The host will let you in soon. Keep this page open: leaving it takes you out of the queue.',
      as: 'You will join as {{name}}.',
      leave: 'Leave',
      lost: 'Connection lost. Knocking again…',
    },
    denied: {
      title: 'The host did not let you in',
      body: 'A host declined your request to join this session. You can ask again in 10 minutes.',
    },
    panel: {
      title: 'Waiting room',
      badge: '{{n}} waiting',
      guest: 'guest',
      admit: 'Admit',
      deny: 'Deny',
      admitAll: 'Admit all',
      denyAll: 'Deny all',
      admitName: 'Admit {{name}}',
      denyName: 'Deny {{name}}',
      knocked: '{{name}} is waiting to join',
      failed: 'That did not work. Try again.',
    },
    switch: {
      label: 'Waiting room',
      on: 'On: people wait until a host lets them in',
      off: 'Off: people join straight away',
      failed: 'The waiting room could not be changed. Try again.',
    },
  },
  {
    zhCN: {
      create: {
        label: '等候室：主持人准许后才能进入',
      },
      wait: {
        title: '正在等待主持人准许进入',
        body: '主持人很快会让你进入。请保持此页面打开：离开页面即退出等候队列。',
        as: '你将以 {{name}} 的身份加入。',
        leave: '离开',
        lost: '连接中断，正在重新请求进入…',
      },
      denied: {
        title: '主持人未准许你进入',
        body: '主持人拒绝了你的加入请求。你可以在 10 分钟后再次请求。',
      },
      panel: {
        title: '等候室',
        badge: '{{n}} 人等候中',
        guest: '访客',
        admit: '准许',
        deny: '拒绝',
        admitAll: '全部准许',
        denyAll: '全部拒绝',
        admitName: '准许 {{name}}',
        denyName: '拒绝 {{name}}',
        knocked: '{{name}} 正在等待加入',
        failed: '操作失败，请重试。',
      },
      switch: {
        label: '等候室',
        on: '已开启：主持人准许后才能进入',
        off: '已关闭：可直接进入',
        failed: '无法更改等候室设置，请重试。',
      },
    },
    ko: {
      create: {
        label: '대기실: 호스트가 들여보낼 때까지 대기합니다',
      },
      wait: {
        title: '입장 허락을 기다리는 중',
        body: '곧 호스트가 입장을 허락할 것입니다. 이 페이지를 열어 두세요. 페이지를 떠나면 대기열에서 빠집니다.',
        as: '{{name}}(으)로 참여합니다.',
        leave: '나가기',
        lost: '연결이 끊겼습니다. 다시 입장을 요청하는 중…',
      },
      denied: {
        title: '호스트가 입장을 허락하지 않았습니다',
        body: '호스트가 이 세션 참여 요청을 거절했습니다. 10분 후에 다시 요청할 수 있습니다.',
      },
      panel: {
        title: '대기실',
        badge: '{{n}}명 대기 중',
        guest: '게스트',
        admit: '허락',
        deny: '거절',
        admitAll: '모두 허락',
        denyAll: '모두 거절',
        admitName: '{{name}} 허락',
        denyName: '{{name}} 거절',
        knocked: '{{name}} 님이 입장을 기다리고 있습니다',
        failed: '실패했습니다. 다시 시도하세요.',
      },
      switch: {
        label: '대기실',
        on: '켜짐: 호스트가 들여보낼 때까지 대기합니다',
        off: '꺼짐: 바로 입장합니다',
        failed: '대기실 설정을 바꾸지 못했습니다. 다시 시도하세요.',
      },
    },
  },
);
