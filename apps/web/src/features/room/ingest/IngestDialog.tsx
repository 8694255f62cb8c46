import { useEffect, useId, useState } from 'react';
import { INGEST_TTL_CHOICES } from '@stagecast/contracts';
import type { IngestResponse } from '@stagecast/contracts';
import { KeyRound, RefreshCw, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useModalDialog } from '../../../lib/use-modal-dialog.js';
import { CopyField } from './CopyField.js';
import { ingestApi } from './ingest-api.js';
import { RoomError } from '../RoomError.js';
import { useBusyAction } from '../useBusyAction.js';
import '../dialog.css';
import './ingest.css';

type TtlChoice = (typeof INGEST_TTL_CHOICES)[number];
const DEFAULT_TTL: TtlChoice = 21600;

/**
 * "Stream from OBS": the WHIP URL and the stream key, for the host. The key is in the answer
 * that creates it only, so it is kept here (in memory) until the dialog is closed; afterwards
 * the dialog shows the active key's expiry and offers to rotate it.
 */
export function IngestDialog(props: { open: boolean; sessionId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const dialog = useModalDialog(props.open);
  const titleId = useId();
  const ttlId = useId();
  const [info, setInfo] = useState<IngestResponse | undefined>(undefined);
  const [streamKey, setStreamKey] = useState<string | undefined>(undefined);
  const [ttl, setTtl] = useState<TtlChoice>(DEFAULT_TTL);
  const { busy, failed, setFailed, run } = useBusyAction<true>();
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    if (!props.open) return;
    let cancelled = false;
    ingestApi.get(props.sessionId).then(
      (answer) => !cancelled && setInfo(answer),
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
    };
  }, [props.open, props.sessionId]);

  const act = async (work: () => Promise<void>) => {
    await run(true, work);
    setConfirming(false);
  };
  const create = () =>
    act(async () => {
      const created = await ingestApi.create(props.sessionId, ttl);
      setInfo({ whip_url: created.whip_url, key: created.key });
      setStreamKey(created.stream_key);
    });
  const revoke = () =>
    act(async () => {
      await ingestApi.revoke(props.sessionId);
      setInfo((now) => now && { ...now, key: null });
      setStreamKey(undefined);
    });
  const close = () => {
    setStreamKey(undefined);
    setConfirming(false);
    props.onClose();
  };
  const expires = info?.key
    ? new Date(info.key.expires_at).toLocaleString(i18n.language, {
        dateStyle: 'medium',
        timeStyle: 'short',
      })
    : '';

  return (
    <dialog
      ref={dialog}
      className="room-dialog ingest-dialog"
      aria-labelledby={titleId}
      data-testid="ingest-dialog"
      onClose={close}
    >
      <h2 id={titleId}>{t('ingest.title')}</h2>
      <p>{t('ingest.intro')}</p>
      {info && (
        <CopyField
          label={t('ingest.serverUrl')}
          value={info.whip_url}
          copyLabel={t('ingest.copyUrl')}
          testId="ingest-url"
        />
      )}
      {streamKey && info?.key ? (
        <>
          <CopyField
            label={t('ingest.streamKey')}
            value={streamKey}
            copyLabel={t('ingest.copyKey')}
            testId="ingest-key"
            secret
          />
          <p className="ingest-note">{t('ingest.validUntil', { expires })}</p>
        </>
      ) : (
        info && (
          <p className="ingest-note" data-testid="ingest-key-state">
            {info.key ? t('ingest.keyHidden', { expires }) : t('ingest.noKey')}
          </p>
        )
      )}
      <div className="ingest-ttl">
        <label htmlFor={ttlId}>{t('ingest.ttl')}</label>
        <select
          id={ttlId}
          value={ttl}
          data-testid="ingest-ttl"
          onChange={(event) => setTtl(Number(event.target.value) as TtlChoice)}
        >
          {INGEST_TTL_CHOICES.map((seconds) => (
            <option key={seconds} value={seconds}>
              {t(`ingest.ttlChoices.${seconds}`)}
            </option>
          ))}
        </select>
      </div>
      {info?.key && <p className="ingest-note">{t('ingest.rotateNote')}</p>}
      {confirming && (
        <p role="alert" className="ingest-confirm">
          <strong>{t('ingest.revokeTitle')}</strong> {t('ingest.revokeBody')}
        </p>
      )}
      {failed && <RoomError>{t('ingest.failed')}</RoomError>}
      <div className="room-dialog-actions">
        {info?.key && (
          <button
            type="button"
            className="danger"
            disabled={busy}
            data-testid={confirming ? 'ingest-revoke-confirm' : 'ingest-revoke'}
            onClick={() => (confirming ? void revoke() : setConfirming(true))}
          >
            <Trash2 aria-hidden="true" size={18} />
            {t('ingest.revoke')}
          </button>
        )}
        <button
          type="button"
          className="primary"
          disabled={busy || !info}
          data-testid="ingest-create"
          onClick={() => void create()}
        >
          {info?.key ? (
            <RefreshCw aria-hidden="true" size={18} />
          ) : (
            <KeyRound aria-hidden="true" size={18} />
          )}
          {info?.key ? t('ingest.rotate') : t('ingest.create')}
        </button>
        <button type="button" onClick={() => dialog.current?.close()}>
          {t('ingest.close')}
        </button>
      </div>
    </dialog>
  );
}
