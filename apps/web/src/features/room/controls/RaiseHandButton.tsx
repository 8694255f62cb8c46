import { useState } from 'react';
import { Hand } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ToggleButton } from './ToggleButton.js';

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
      <ToggleButton
        testId="raise-hand"
        label={t('room.controls.raiseHand')}
        variant="hand"
        icon={Hand}
        pressed={raised}
        disabled={busy}
        onClick={() => void click()}
      />
      {failed && (
        <p role="alert" className="room-error room-controls-error">
          {t('room.controls.handFailed')}
        </p>
      )}
    </>
  );
}
