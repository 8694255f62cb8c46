/** Streaming from OBS (issue 15); `en` is the reference the others must match. */
const en = {
  open: 'Stream from OBS',
  title: 'Stream from OBS',
  intro:
    'In OBS 30 or later: Settings → Stream → Service “WHIP”. Paste the server URL and the stream key (as the Bearer Token), then Start Streaming. The stream becomes the main picture of the stage.',
  serverUrl: 'Server (WHIP URL)',
  streamKey: 'Stream key (Bearer Token)',
  show: 'Show key',
  hide: 'Hide key',
  copyUrl: 'Copy the server URL',
  copyKey: 'Copy the stream key',
  copied: 'Copied',
  noKey: 'No stream key yet: create one to start streaming.',
  keyHidden:
    'A stream key is active (valid until {{expires}}). It is only shown when created: rotate it to see a new one.',
  validUntil: 'Valid until {{expires}}',
  ttl: 'Key valid for',
  ttlChoices: {
    '3600': '1 hour',
    '21600': '6 hours',
    '86400': '1 day',
    '604800': '7 days',
  },
  create: 'Create key',
  rotate: 'Rotate key',
  rotateNote: 'Rotating ends the stream of the old key at once.',
  revoke: 'Revoke key',
  revokeTitle: 'Revoke the stream key?',
  revokeBody: 'The stream from OBS stops within seconds and the key no longer works.',
  close: 'Close',
  failed: 'That did not work. Try again.',
  stageLabel: 'OBS stream',
};
export type IngestStrings = typeof en;

const zhCN: IngestStrings = {
  open: '从 OBS 推流',
  title: '从 OBS 推流',
  intro:
    '在 OBS 30 或更高版本中：设置 → 直播 → 服务选择“WHIP”。粘贴服务器 URL 和推流密钥（作为 Bearer Token），然后开始推流。推流画面会成为舞台的主画面。',
  serverUrl: '服务器（WHIP URL）',
  streamKey: '推流密钥（Bearer Token）',
  show: '显示密钥',
  hide: '隐藏密钥',
  copyUrl: '复制服务器 URL',
  copyKey: '复制推流密钥',
  copied: '已复制',
  noKey: '还没有推流密钥：创建一个即可开始推流。',
  keyHidden: '推流密钥有效（至 {{expires}}）。密钥只在创建时显示：轮换后可看到新密钥。',
  validUntil: '有效期至 {{expires}}',
  ttl: '密钥有效期',
  ttlChoices: {
    '3600': '1 小时',
    '21600': '6 小时',
    '86400': '1 天',
    '604800': '7 天',
  },
  create: '创建密钥',
  rotate: '轮换密钥',
  rotateNote: '轮换后，旧密钥的推流会立即结束。',
  revoke: '撤销密钥',
  revokeTitle: '撤销推流密钥？',
  revokeBody: '来自 OBS 的推流会在几秒内停止，该密钥将失效。',
  close: '关闭',
  failed: '操作失败，请重试。',
  stageLabel: 'OBS 推流',
};

const ko: IngestStrings = {
  open: 'OBS로 방송하기',
  title: 'OBS로 방송하기',
  intro:
    'OBS 30 이상에서: 설정 → 방송 → 서비스 “WHIP”. 서버 URL과 스트림 키(Bearer Token)를 붙여 넣고 방송 시작을 누르세요. 방송 화면이 무대의 주 화면이 됩니다.',
  serverUrl: '서버 (WHIP URL)',
  streamKey: '스트림 키 (Bearer Token)',
  show: '키 보기',
  hide: '키 숨기기',
  copyUrl: '서버 URL 복사',
  copyKey: '스트림 키 복사',
  copied: '복사됨',
  noKey: '아직 스트림 키가 없습니다. 방송하려면 키를 만드세요.',
  keyHidden:
    '스트림 키가 활성 상태입니다({{expires}}까지 유효). 키는 만들 때만 표시됩니다. 새 키를 보려면 교체하세요.',
  validUntil: '{{expires}}까지 유효',
  ttl: '키 유효 기간',
  ttlChoices: {
    '3600': '1시간',
    '21600': '6시간',
    '86400': '1일',
    '604800': '7일',
  },
  create: '키 만들기',
  rotate: '키 교체',
  rotateNote: '교체하면 이전 키의 방송은 즉시 끝납니다.',
  revoke: '키 폐기',
  revokeTitle: '스트림 키를 폐기할까요?',
  revokeBody: 'OBS 방송이 몇 초 안에 멈추고 이 키는 더 이상 작동하지 않습니다.',
  close: '닫기',
  failed: '실패했습니다. 다시 시도하세요.',
  stageLabel: 'OBS 방송',
};

export const ingestMessages = { en, zhCN, ko };
