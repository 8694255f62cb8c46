import './webhooks.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebhookEndpoint } from '@stagecast/contracts';
import { adminApi } from '../../api/endpoints.js';
import { adminWebhooksQuery } from '../../api/queries.js';
import { queryKeys } from '../../api/query-keys.js';
import { ConfirmDialog } from '../room/ConfirmDialog.js';
import { AdminTable } from './AdminTable.js';
import type { AdminColumn } from './AdminTable.js';
import type { Notice } from './notice.js';
import { WebhookCreateForm } from './WebhookCreateForm.js';
import { WebhookDeliveries } from './WebhookDeliveries.js';
import { webhookFailure } from './webhook-failure.js';
import { WebhookSecret } from './WebhookSecret.js';

/**
 * Webhooks out to the host site (issue 14): the endpoints, a form to add one (its secret shown
 * once), turning one off or on, deleting one (after a confirmation), and its delivery log.
 */
export function WebhooksPanel() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery(adminWebhooksQuery());
  const [notice, setNotice] = useState<Notice>();
  const [created, setCreated] = useState<{ url: string; secret: string }>();
  const [deleting, setDeleting] = useState<WebhookEndpoint | null>(null);
  const [logOf, setLogOf] = useState<WebhookEndpoint | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.adminWebhooks });

  const toggle = useMutation({
    mutationFn: (webhook: WebhookEndpoint) =>
      adminApi.updateWebhook(webhook.webhook_id, { enabled: !webhook.enabled }),
    onSuccess: ({ webhook }) => {
      const key = webhook.enabled ? 'admin.webhooks.turnedOn' : 'admin.webhooks.turnedOff';
      setNotice({ kind: 'ok', text: t(key, { url: webhook.url }) });
      refresh();
    },
    onError: (err) => setNotice(webhookFailure(t, err)),
  });
  const remove = useMutation({
    mutationFn: (webhook: WebhookEndpoint) => adminApi.deleteWebhook(webhook.webhook_id),
    onSuccess: (_none, webhook) => {
      setNotice({ kind: 'ok', text: t('admin.webhooks.deleted', { url: webhook.url }) });
      if (logOf?.webhook_id === webhook.webhook_id) setLogOf(null);
      refresh();
    },
    onError: (err) => setNotice(webhookFailure(t, err)),
  });

  const columns: AdminColumn<WebhookEndpoint>[] = [
    {
      name: t('admin.webhooks.columns.url'),
      className: 'admin-email',
      cell: (w) => (
        <>
          {w.url}
          {w.description && <div className="admin-details">{w.description}</div>}
        </>
      ),
    },
    {
      name: t('admin.webhooks.columns.events'),
      className: 'admin-details',
      cell: (w) => (w.event_types ? w.event_types.join(', ') : t('admin.webhooks.allEvents')),
    },
    {
      name: t('admin.webhooks.columns.state'),
      cell: (w) => (
        <span className={`admin-state admin-state--${w.enabled ? 'good' : 'bad'}`}>
          {w.enabled ? t('admin.webhooks.on') : t('admin.webhooks.off')}
        </span>
      ),
    },
    {
      name: t('admin.webhooks.columns.created'),
      cell: (w) => new Date(w.created_at).toLocaleDateString(i18n.language),
    },
    {
      name: t('admin.webhooks.columns.actions'),
      cell: (w) => (
        <span className="admin-actions">
          <button
            type="button"
            aria-pressed={logOf?.webhook_id === w.webhook_id}
            data-testid={`webhook-deliveries-${w.webhook_id}`}
            onClick={() => setLogOf(w)}
          >
            {t('admin.webhooks.deliveries')}
          </button>
          <button
            type="button"
            disabled={toggle.isPending && toggle.variables === w}
            data-testid={`webhook-toggle-${w.webhook_id}`}
            onClick={() => toggle.mutate(w)}
          >
            {w.enabled ? t('admin.webhooks.turnOff') : t('admin.webhooks.turnOn')}
          </button>
          <button
            type="button"
            className="danger"
            disabled={remove.isPending && remove.variables === w}
            data-testid={`webhook-delete-${w.webhook_id}`}
            onClick={() => setDeleting(w)}
          >
            {t('admin.webhooks.delete')}
          </button>
        </span>
      ),
    },
  ];

  return (
    <>
      <section className="card admin-card" aria-labelledby="admin-webhooks-title">
        <h2 id="admin-webhooks-title">{t('admin.webhooks.title')}</h2>
        <p className="admin-subtitle">{t('admin.webhooks.intro')}</p>
        {created && (
          <WebhookSecret
            url={created.url}
            secret={created.secret}
            onDone={() => setCreated(undefined)}
          />
        )}
        <AdminTable
          testId="admin-webhooks"
          columns={columns}
          items={list.data?.webhooks}
          row={(w) => ({
            key: w.webhook_id,
            'data-testid': 'admin-webhook-row',
            'data-enabled': w.enabled,
          })}
          failed={list.isError}
          notice={notice}
          empty={t('admin.webhooks.none')}
        />
        <WebhookCreateForm
          onCreated={({ webhook, secret }) => {
            setNotice(undefined);
            setCreated({ url: webhook.url, secret });
            refresh();
          }}
          onFailed={setNotice}
        />
        <ConfirmDialog
          open={deleting !== null}
          title={t('admin.webhooks.confirmTitle', { url: deleting?.url ?? '' })}
          body={t('admin.webhooks.confirmBody')}
          confirmLabel={t('admin.webhooks.confirmOk')}
          onConfirm={() => deleting && remove.mutate(deleting)}
          onClose={() => setDeleting(null)}
        />
      </section>
      {logOf && (
        <WebhookDeliveries key={logOf.webhook_id} webhook={logOf} onClose={() => setLogOf(null)} />
      )}
    </>
  );
}
