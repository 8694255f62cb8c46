import { useEffect, useId, useState } from 'react';
import { Check, Copy, Eye, EyeOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';

/**
 * A read-only value with a copy button; a `secret` one is hidden until shown (a stream key on a
 * shared screen is as good as leaked).
 */
export function CopyField(props: {
  label: string;
  value: string;
  copyLabel: string;
  testId: string;
  secret?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [shown, setShown] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <div className="ingest-field">
      <label htmlFor={id}>{props.label}</label>
      <div className="ingest-field-row">
        <input
          id={id}
          readOnly
          spellCheck={false}
          autoComplete="off"
          type={props.secret && !shown ? 'password' : 'text'}
          value={props.value}
          data-testid={props.testId}
          onFocus={(event) => event.currentTarget.select()}
        />
        {props.secret && (
          <button
            type="button"
            className="icon-button"
            aria-pressed={shown}
            aria-label={shown ? t('ingest.hide') : t('ingest.show')}
            title={shown ? t('ingest.hide') : t('ingest.show')}
            data-testid={`${props.testId}-show`}
            onClick={() => setShown((now) => !now)}
          >
            {shown ? <EyeOff aria-hidden="true" size={18} /> : <Eye aria-hidden="true" size={18} />}
          </button>
        )}
        <button
          type="button"
          className="icon-button"
          aria-label={props.copyLabel}
          title={copied ? t('ingest.copied') : props.copyLabel}
          data-testid={`${props.testId}-copy`}
          onClick={() => void copy()}
        >
          {copied ? <Check aria-hidden="true" size={18} /> : <Copy aria-hidden="true" size={18} />}
        </button>
      </div>
    </div>
  );
}
