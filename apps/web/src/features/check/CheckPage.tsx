import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { browserCodecs, CHECK_LINE_IDS, LISTED_CODECS, VolumeMeter } from '../../livekit/index.js';
import { CheckLineRow } from './CheckLineRow.js';
import { useConnectionCheck } from './useConnectionCheck.js';
import './check.css';

const VERDICT_MARK = { running: '', ok: '✓', warning: '!', failed: '✕' } as const;

/**
 * `/check`: the connection check, open to anyone before signing in. Every line tests one part
 * of the way a call takes (signal, media sent and received back, each TURN transport, the
 * microphone, the codecs), and the verdict says what to do about the first problem.
 */
export function CheckPage() {
  const { t } = useTranslation();
  const titleId = useId();
  const video = useRef<HTMLVideoElement>(null);
  const { lines, verdict, microphone, running, restart } = useConnectionCheck(video);
  const codecs = useMemo(() => browserCodecs(), []);
  // Whether any video came back yet: until then the frame explains what will appear in it.
  const [playing, setPlaying] = useState(false);

  return (
    <section className="card check-page" aria-labelledby={titleId}>
      <div className="check-title">
        <h1 id={titleId}>{t('shell.check.title')}</h1>
        <button type="button" onClick={restart} disabled={running} data-testid="check-run-again">
          {t('shell.check.runAgain')}
        </button>
      </div>
      <p className="check-intro">{t('shell.check.intro')}</p>

      <p
        role="status"
        className={`check-verdict check-verdict--${verdict.tone}`}
        data-testid="check-verdict"
        data-tone={verdict.tone}
        data-verdict={verdict.kind}
      >
        <span className="check-mark" aria-hidden="true">
          {VERDICT_MARK[verdict.tone]}
        </span>
        <span>{t(`shell.check.verdicts.${verdict.kind}`, verdict.values)}</span>
      </p>

      <div className="check-layout">
        <figure className="check-loopback">
          <div className="check-video-frame">
            <video
              ref={video}
              className="check-video"
              data-testid="check-loopback-video"
              autoPlay
              muted
              playsInline
              onPlaying={() => setPlaying(true)}
            />
            {!playing && (
              <span className="check-video-empty">{t('shell.check.loopbackEmpty')}</span>
            )}
          </div>
          <figcaption>{t('shell.check.loopback')}</figcaption>
        </figure>

        <ol className="check-lines">
          {CHECK_LINE_IDS.map((id) => (
            <CheckLineRow key={id} id={id} line={lines[id]}>
              {id === 'microphone' && (
                <VolumeMeter
                  track={microphone}
                  label={t('shell.check.meter')}
                  className="check-meter"
                  data-testid="check-meter"
                />
              )}
              {id === 'codecs' && codecs && (
                <ul className="check-codecs" aria-label={t('shell.check.codecs')}>
                  {LISTED_CODECS.map((codec) => (
                    <li
                      key={codec}
                      className={codecs[codec] ? 'check-codec' : 'check-codec check-codec--off'}
                      data-testid={`check-codec-${codec}`}
                      data-supported={codecs[codec]}
                      title={t(codecs[codec] ? 'shell.check.supported' : 'shell.check.unsupported')}
                    >
                      {codec}
                    </li>
                  ))}
                </ul>
              )}
            </CheckLineRow>
          ))}
        </ol>
      </div>
    </section>
  );
}
