import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A new endpoint's signing secret, shown once (the API never gives it again): to copy into the
 * host site's backend before dismissing it.
 */
export function WebhookSecret(props: { url: string; secret: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.secret);
      setCopied(true);
    } catch {
      // No clipboard here (an http page, a refused permission): the secret is selectable.
    }
  };
  return (
    <div className="webhook-secret" role="status" data-testid="webhook-secret-box">
      <h3>{t('admin.webhooks.secret.title', { url: props.url })}</h3>
      <p>{t('admin.webhooks.secret.body')}</p>
      <p>
        <code className="admin-id" data-testid="webhook-secret">
          {props.secret}
        </code>
      </p>
      <p className="admin-actions">
        <button type="button" onClick={() => void copy()}>
          {t('admin.webhooks.secret.copy')}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="webhook-secret-done"
          onClick={props.onDone}
        >
          {t('admin.webhooks.secret.done')}
        </button>
        {copied && <span>{t('admin.webhooks.secret.copied')}</span>}
      </p>
    </div>
  );
}
