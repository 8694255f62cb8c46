import { Hand } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useBusyAction } from '../useBusyAction.js';
import { ToggleButton } from './ToggleButton.js';
import { RoomError } from '../RoomError.js';

export interface RaiseHandButtonProps {
  raised: boolean;
  setRaised: (raised: boolean) => Promise<void>;
}

/** Raises or lowers the local hand through the API; moderators see it live. */
export function RaiseHandButton({ raised, setRaised }: RaiseHandButtonProps) {
  const { t } = useTranslation();
  const { busy, failed, run } = useBusyAction<true>();
  return (
    <>
      <ToggleButton
        testId="raise-hand"
        label={t('room.controls.raiseHand')}
        variant="hand"
        icon={Hand}
        pressed={raised}
        disabled={busy}
        onClick={() => void run(true, () => setRaised(!raised))}
      />
      {failed && (
        <RoomError className="room-controls-error">{t('room.controls.handFailed')}</RoomError>
      )}
    </>
  );
}
