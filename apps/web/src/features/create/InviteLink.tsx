import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The invite link of a private session, with a copy button. */
export function InviteLink({ link }: { link: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // No clipboard permission: the field is selectable by hand.
    }
  };
  return (
    <div className="invite-link">
      <label>
        {t('shell.create.inviteLink')}
        <input readOnly value={link} onFocus={(e) => e.target.select()} data-testid="invite-link" />
      </label>
      <button type="button" onClick={() => void copy()}>
        {copied ? t('shell.create.copied') : t('shell.create.copy')}
      </button>
    </div>
  );
}
