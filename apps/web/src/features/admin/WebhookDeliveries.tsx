import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { webhookDeliveryStatusSchema } from '@stagecast/contracts';
import type { WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint } from '@stagecast/contracts';
import { adminApi } from '../../api/endpoints.js';
import { adminWebhookDeliveriesQuery } from '../../api/queries.js';
import { queryKeys } from '../../api/query-keys.js';
import { AdminTable } from './AdminTable.js';
import type { AdminColumn } from './AdminTable.js';
import { MoreButton } from './Pager.js';
import type { Notice } from './notice.js';
import { webhookFailure } from './webhook-failure.js';

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

  const when = (iso: string | null) =>
    iso
      ? new Date(iso).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'medium' })
      : '';
  const columns: AdminColumn<WebhookDelivery>[] = [
    {
      name: t('admin.webhooks.log.columns.event'),
      cell: (d) => (
        <>
          <code>{d.event_type}</code>
          <div className="admin-id admin-details">{d.event_id}</div>
        </>
      ),
    },
    {
      name: t('admin.webhooks.log.columns.created'),
      cell: (d) => <time dateTime={d.created_at}>{when(d.created_at)}</time>,
    },
    {
      name: t('admin.webhooks.log.columns.status'),
      cell: (d) => (
        <span className={`admin-state ${STATE_CLASS[d.status]}`}>
          {t(`admin.webhooks.log.statuses.${d.status}`)}
        </span>
      ),
    },
    {
      name: t('admin.webhooks.log.columns.attempts'),
      className: 'admin-figure',
      cell: (d) => d.attempts,
    },
    {
      name: t('admin.webhooks.log.columns.code'),
      className: 'admin-figure',
      testId: 'delivery-code',
      cell: (d) => d.last_status_code ?? (d.attempts > 0 ? t('admin.webhooks.log.noAnswer') : ''),
    },
    {
      name: t('admin.webhooks.log.columns.error'),
      className: 'admin-details',
      cell: (d) => d.last_error ?? '',
    },
    {
      name: t('admin.webhooks.log.columns.next'),
      cell: (d) => (d.status === 'pending' ? when(d.next_attempt_at) : ''),
    },
    {
      name: t('admin.webhooks.log.columns.actions'),
      cell: (d) => (
        <button
          type="button"
          disabled={replay.isPending && replay.variables === d}
          data-testid={`delivery-replay-${d.delivery_id}`}
          onClick={() => replay.mutate(d)}
        >
          {t('admin.webhooks.log.replay')}
        </button>
      ),
    },
  ];

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
      <AdminTable
        testId="admin-webhook-deliveries"
        columns={columns}
        items={log.data?.pages.flatMap((page) => page.deliveries)}
        row={(d) => ({
          key: d.delivery_id,
          'data-testid': 'webhook-delivery-row',
          'data-status': d.status,
        })}
        failed={log.isError}
        notice={notice}
        empty={t('admin.webhooks.log.none')}
      />
      <MoreButton list={log} label={t('admin.webhooks.log.more')} />
    </section>
  );
}
