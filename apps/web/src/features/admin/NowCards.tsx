import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminStats } from '@stagecast/contracts';
import { sessionRoleSchema } from '@stagecast/contracts';
import { formatBitRate, formatBytes, formatNumber } from './format.js';

type Now = AdminStats['now'];
type Check = Now['health']['database'];

/** The figures: each is named by `admin.now.<stat>`, its test id is `stat-<stat in kebab-case>`. */
type Stat =
  'liveSessions' | 'people' | 'bandwidthIn' | 'bandwidthOut' | 'recordings' | 'disk' | 'health';

/** One figure: its name, the value, and a line under it. */
function Card(props: { stat: Stat; value: ReactNode; note?: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  const kebab = props.stat.replace(/[A-Z]/g, (upper) => `-${upper.toLowerCase()}`);
  return (
    <div
      className={props.wide ? 'admin-stat admin-stat--wide' : 'admin-stat'}
      data-testid={`stat-${kebab}`}
    >
      <dt>{t(`admin.now.${props.stat}`)}</dt>
      <dd>
        <div className="admin-stat-value">{props.value}</div>
        {props.note && <div className="admin-stat-note">{props.note}</div>}
      </dd>
    </div>
  );
}

/**
 * The platform now: live sessions, people connected (by role), LiveKit's bandwidth each way,
 * recordings running, the dependencies' health and the disk space left for recordings.
 */
export function NowCards({ now }: { now: Now }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const number = (n: number) => formatNumber(n, language);
  const bandwidth = (value: number | null) =>
    value === null ? t('admin.now.unmeasured') : formatBitRate(value, language);
  const roles = sessionRoleSchema.options
    .filter((role) => (now.participants_by_role[role] ?? 0) > 0)
    .map((role) => `${t(`room.roles.${role}`)} ${number(now.participants_by_role[role]!)}`)
    .join(' · ');
  const loss =
    now.packet_loss_percent === null
      ? undefined
      : t('admin.now.loss', { value: formatNumber(now.packet_loss_percent, language, 1) });
  const health = (name: string, check: Check | null) => {
    const state = check === null ? 'unused' : check.ok ? 'up' : 'down';
    return (
      <li key={name} className={`admin-health admin-health--${state}`} title={check?.error}>
        <span className="admin-health-dot" aria-hidden="true" />
        {name}: {t(`admin.now.${state}`)}
        {check?.ok && <span className="admin-stat-note"> {number(check.latency_ms)} ms</span>}
      </li>
    );
  };
  const disk = now.disk;

  return (
    <dl className="admin-stats" data-testid="admin-now">
      <Card stat="liveSessions" value={number(now.live_sessions)} />
      <Card stat="people" value={number(now.connected_users)} note={roles || undefined} />
      <Card stat="bandwidthIn" value={bandwidth(now.bandwidth_in_bytes_per_second)} note={loss} />
      <Card stat="bandwidthOut" value={bandwidth(now.bandwidth_out_bytes_per_second)} />
      <Card stat="recordings" value={number(now.recordings_running)} />
      <Card
        stat="disk"
        value={disk ? formatBytes(disk.free_bytes, language) : t('admin.now.unmeasured')}
        note={
          disk && disk.total_bytes > 0
            ? t('admin.now.diskOf', {
                percent: formatNumber((disk.free_bytes / disk.total_bytes) * 100, language),
                total: formatBytes(disk.total_bytes, language),
              })
            : undefined
        }
      />
      <Card
        wide
        stat="health"
        value={
          <ul className="admin-health-list">
            {health(t('admin.now.livekit'), now.health.livekit)}
            {health(t('admin.now.database'), now.health.database)}
            {health(t('admin.now.redis'), now.health.redis)}
          </ul>
        }
      />
    </dl>
  );
}
