import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { webhookDeliveryStatusSchema } from '@stagecast/contracts';
import type { WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint } from '@stagecast/contracts';
import { adminApi } from '../../api/endpoints.js';
import { adminWebhookDeliveriesQuery } from '../../api/queries.js';
import { queryKeys } from '../../api/query-keys.js';
import { AdminTable } from './AdminTable.js';
import { NoticeLine } from './notice.js';
import { MoreButton } from './Pager.js';
import type { Notice } from './notice.js';
import { webhookFailure } from './webhook-failure.js';

const COLUMNS = [
  'event',
  'created',
  'status',
  'attempts',
  'code',
  'error',
  'next',
  'actions',
] as const;
type Column = (typeof COLUMNS)[number];
const STATE_CLASS: Record<WebhookDeliveryStatus, string> = {
  pending: '',
  delivered: 'admin-state--good',
  failed: 'admin-state--bad',
};

/**
 * One endpoint's delivery log, newest first, 20 at a time going back, optionally of one status:
 * each event's attempts, the last response code (or that none came) and error, and when the
 * next attempt is due; any delivery can be sent again (same `webhook-id`).
 */
export function WebhookDeliveries(props: { webhook: WebhookEndpoint; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const id = props.webhook.webhook_id;
  const [status, setStatus] = useState<WebhookDeliveryStatus>();
  const log = useInfiniteQuery(adminWebhookDeliveriesQuery(id, status));
  const [notice, setNotice] = useState<Notice>();
  const replay = useMutation({
    mutationFn: (delivery: WebhookDelivery) => adminApi.replayDelivery(id, delivery.delivery_id),
    onSuccess: (_answer, delivery) => {
      setNotice({
        kind: 'ok',
        text: t('admin.webhooks.log.replayed', { type: delivery.event_type }),
      });
      void queryClient.invalidateQueries({ queryKey: [...queryKeys.adminWebhooks, id] });
    },
    onError: (err) => setNotice(webhookFailure(t, err)),
  });

  const deliveries = log.data?.pages.flatMap((page) => page.deliveries) ?? [];
  const column = (key: Column) => t(`admin.webhooks.log.columns.${key}`);
  const when = (iso: string | null) =>
    iso
      ? new Date(iso).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'medium' })
      : '';

  return (
    <section className="card admin-card" aria-labelledby="admin-deliveries-title">
      <h2 id="admin-deliveries-title">
        {t('admin.webhooks.log.title', { url: props.webhook.url })}
      </h2>
      <div className="admin-toolbar">
        <select
          aria-label={t('admin.webhooks.log.status')}
          value={status ?? ''}
          data-testid="webhook-log-status"
          onChange={(event) =>
            setStatus(webhookDeliveryStatusSchema.safeParse(event.target.value).data)
          }
        >
          <option value="">{t('admin.webhooks.log.allStatuses')}</option>
          {webhookDeliveryStatusSchema.options.map((s) => (
            <option key={s} value={s}>
              {t(`admin.webhooks.log.statuses.${s}`)}
            </option>
          ))}
        </select>
        <button type="button" onClick={props.onClose}>
          {t('admin.webhooks.log.close')}
        </button>
      </div>
      <NoticeLine notice={notice} />
      <AdminTable
        testId="admin-webhook-deliveries"
        columns={COLUMNS.map(column)}
        list={log}
        empty={t('admin.webhooks.log.none')}
      >
        {deliveries.map((d) => (
          <tr key={d.delivery_id} data-testid="webhook-delivery-row" data-status={d.status}>
            <th scope="row" className="admin-name">
              <code>{d.event_type}</code>
              <div className="admin-id admin-details">{d.event_id}</div>
            </th>
            <td data-label={column('created')}>
              <time dateTime={d.created_at}>{when(d.created_at)}</time>
            </td>
            <td data-label={column('status')}>
              <span className={`admin-state ${STATE_CLASS[d.status]}`}>
                {t(`admin.webhooks.log.statuses.${d.status}`)}
              </span>
            </td>
            <td data-label={column('attempts')} className="admin-figure">
              {d.attempts}
            </td>
            <td data-label={column('code')} className="admin-figure" data-testid="delivery-code">
              {d.last_status_code ?? (d.attempts > 0 ? t('admin.webhooks.log.noAnswer') : '')}
            </td>
            <td data-label={column('error')} className="admin-details">
              {d.last_error ?? ''}
            </td>
            <td data-label={column('next')}>
              {d.status === 'pending' ? when(d.next_attempt_at) : ''}
            </td>
            <td data-label={column('actions')}>
              <button
                type="button"
                disabled={replay.isPending && replay.variables === d}
                data-testid={`delivery-replay-${d.delivery_id}`}
                onClick={() => replay.mutate(d)}
              >
                {t('admin.webhooks.log.replay')}
              </button>
            </td>
          </tr>
        ))}
      </AdminTable>
      <MoreButton list={log} label={t('admin.webhooks.log.more')} />
    </section>
  );
}
