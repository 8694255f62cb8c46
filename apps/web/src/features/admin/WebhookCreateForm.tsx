import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { WEBHOOK_EVENT_TYPES } from '@stagecast/contracts';
import type { WebhookEndpoint, WebhookEventType } from '@stagecast/contracts';
import { adminApi } from '../../api/endpoints.js';
import type { Notice } from './notice.js';
import { webhookFailure } from './webhook-failure.js';

export interface WebhookCreateFormProps {
  /** The endpoint was added: its secret is in this answer only. */
  onCreated: (created: { webhook: WebhookEndpoint; secret: string }) => void;
  onFailed: (notice: Notice) => void;
}

/** A new endpoint: its URL, a description, and the event types it wants (none: all). */
export function WebhookCreateForm({ onCreated, onFailed }: WebhookCreateFormProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [types, setTypes] = useState<WebhookEventType[]>([]);
  const create = useMutation({
    mutationFn: () =>
      adminApi.createWebhook({
        url: url.trim(),
        description: description.trim(),
        event_types: types.length > 0 ? types : null,
      }),
    onSuccess: (answer) => {
      setUrl('');
      setDescription('');
      setTypes([]);
      onCreated(answer);
    },
    onError: (err) => onFailed(webhookFailure(t, err)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const toggle = (type: WebhookEventType, on: boolean) =>
    setTypes((current) =>
      on ? [...current, type] : current.filter((existing) => existing !== type),
    );

  return (
    <form className="form webhook-form" aria-labelledby={titleId} onSubmit={submit}>
      <h3 id={titleId}>{t('admin.webhooks.create.title')}</h3>
      <label>
        {t('admin.webhooks.create.url')}
        <input
          type="url"
          required
          maxLength={2000}
          value={url}
          placeholder="https://school.example.com/hooks/stagecast"
          data-testid="webhook-url"
          onChange={(event) => setUrl(event.target.value)}
        />
      </label>
      <label>
        {t('admin.webhooks.create.description')}
        <input
          maxLength={500}
          value={description}
          data-testid="webhook-description"
          onChange={(event) => setDescription(event.target.value)}
        />
      </label>
      <fieldset className="webhook-types">
        <legend>{t('admin.webhooks.create.events')}</legend>
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <label key={type} className="webhook-type">
            <input
              type="checkbox"
              checked={types.includes(type)}
              data-testid={`webhook-type-${type}`}
              onChange={(event) => toggle(type, event.target.checked)}
            />
            <code>{type}</code>
          </label>
        ))}
        <p className="admin-subtitle">{t('admin.webhooks.create.eventsHint')}</p>
      </fieldset>
      <button
        type="submit"
        className="primary"
        disabled={create.isPending}
        data-testid="webhook-create"
      >
        {create.isPending ? t('admin.webhooks.create.adding') : t('admin.webhooks.create.submit')}
      </button>
    </form>
  );
}
