import { useState, type ReactNode } from 'react';
import type { SessionRole } from '@stagecast/contracts';
import { LogOut, Settings } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { canPublish, canRaiseHand, canRunSession } from '../roles.js';
import { ControlButton } from './ControlButton.js';
import { HostControls } from './HostControls.js';
import { PublisherControls } from './PublisherControls.js';
import { RaiseHandButton } from './RaiseHandButton.js';
import { ViewerSettingsDialog } from './ViewerSettingsDialog.js';
import './controls.css';

export interface ControlsBarProps {
  /** The live role: the controls change with it, without rejoining. */
  role: SessionRole;
  handRaised: boolean;
  setHandRaised: (raised: boolean) => Promise<void>;
  onLeave: () => void;
}

/**
 * The controls bar: `children` (the role's controls), then Leave. Alone, while the room connects
 * and before the first picture: only Leave.
 */
export function ControlsFrame({
  onLeave,
  children,
}: {
  onLeave: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="room-controls" role="group" aria-label={t('room.controls.label')}>
      {children}
      <ControlButton
        testId="leave"
        icon={LogOut}
        label={t('room.controls.leave')}
        kind="danger"
        onClick={onLeave}
      />
    </div>
  );
}

/** The room's controls, by role: media for publishers, a hand for the audience, host actions. */
export function ControlsBar(props: ControlsBarProps) {
  const { t } = useTranslation();
  const [viewerSettingsOpen, setViewerSettingsOpen] = useState(false);
  const { role } = props;
  return (
    <ControlsFrame onLeave={props.onLeave}>
      {canPublish(role) ? (
        <PublisherControls />
      ) : (
        <>
          <ControlButton
            testId="open-settings"
            icon={Settings}
            label={t('room.controls.settings')}
            onClick={() => setViewerSettingsOpen(true)}
          />
          <ViewerSettingsDialog
            open={viewerSettingsOpen}
            onClose={() => setViewerSettingsOpen(false)}
          />
        </>
      )}
      {canRaiseHand(role) && (
        <RaiseHandButton raised={props.handRaised} setRaised={props.setHandRaised} />
      )}
      {canRunSession(role) && <HostControls />}
    </ControlsFrame>
  );
}
