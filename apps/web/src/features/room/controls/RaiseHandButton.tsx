import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface RaiseHandButtonProps {
  raised: boolean;
  setRaised: (raised: boolean) => Promise<void>;
}

/** Raises or lowers the local hand through the API; moderators see it live. */
export function RaiseHandButton({ raised, setRaised }: RaiseHandButtonProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const click = async () => {
    setBusy(true);
    setFailed(false);
    try {
      await setRaised(!raised);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className="toggle toggle--hand"
        data-testid="raise-hand"
        aria-pressed={raised}
        disabled={busy}
        onClick={() => void click()}
      >
        {t('room.controls.raiseHand')}
      </button>
      {failed && (
        <p role="alert" className="room-error room-controls-error">
          {t('room.controls.handFailed')}
        </p>
      )}
    </>
  );
}
