import { useTranslation } from 'react-i18next';
import type { CheckLine, CheckLineId } from '../../livekit/index.js';

export interface CheckLineRowProps {
  id: CheckLineId;
  line: CheckLine;
  /** Shown under the explanation (the codec list, the microphone meter). */
  children?: React.ReactNode;
}

const MARK: Record<CheckLine['state'], string> = {
  pending: '•',
  running: '',
  ok: '✓',
  warning: '!',
  failed: '✕',
  not_offered: '–',
};

/** One line of the check: its name, its state as a badge, and what it found. */
export function CheckLineRow({ id, line, children }: CheckLineRowProps) {
  const { t } = useTranslation();
  return (
    <li
      className={`check-line check-line--${line.state}`}
      data-testid={`check-line-${id}`}
      data-state={line.state}
      data-reason={line.reason}
    >
      <span className="check-mark" aria-hidden="true">
        {MARK[line.state]}
      </span>
      <div className="check-line-body">
        <div className="check-line-head">
          <h2 className="check-line-title">{t(`shell.check.lines.${id}`)}</h2>
          <span className="check-state">{t(`shell.check.states.${line.state}`)}</span>
        </div>
        <p className="check-explanation" data-testid={`check-line-${id}-text`}>
          {t(`shell.check.reasons.${line.reason}`, line.values)}
        </p>
        {line.path && (
          <p
            className="check-explanation"
            data-testid={`check-line-${id}-path`}
            data-path={line.path}
          >
            {t('shell.check.pathNote', { path: t(`shell.check.paths.${line.path}`) })}
          </p>
        )}
        {children}
      </div>
    </li>
  );
}
