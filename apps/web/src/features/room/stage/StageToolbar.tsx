import { LayoutGrid, Maximize, Minimize, SquareUser } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { StageLayout } from './stage-layout.js';

export interface StageToolbarProps {
  layout: StageLayout;
  onLayout: (layout: StageLayout) => void;
  fullscreen: { active: boolean; supported: boolean; toggle: () => Promise<void> };
}

/** Above the stage: grid or speaker layout (a pair of toggle buttons) and full screen. */
export function StageToolbar({ layout, onLayout, fullscreen }: StageToolbarProps) {
  const { t } = useTranslation();
  const choice = (value: StageLayout, Icon: typeof LayoutGrid) => (
    <button
      type="button"
      className="stage-tool"
      aria-pressed={layout === value}
      data-testid={`layout-${value}`}
      title={t(`room.stage.layout.${value}`)}
      onClick={() => onLayout(value)}
    >
      <Icon aria-hidden="true" size={18} />
      <span className="visually-hidden">{t(`room.stage.layout.${value}`)}</span>
    </button>
  );
  const FullIcon = fullscreen.active ? Minimize : Maximize;
  return (
    <div className="stage-toolbar" role="group" aria-label={t('room.stage.layout.label')}>
      {choice('grid', LayoutGrid)}
      {choice('speaker', SquareUser)}
      {fullscreen.supported && (
        <button
          type="button"
          className="stage-tool"
          aria-pressed={fullscreen.active}
          data-testid="stage-fullscreen"
          title={t('room.stage.fullscreen')}
          onClick={() => void fullscreen.toggle()}
        >
          <FullIcon aria-hidden="true" size={18} />
          <span className="visually-hidden">{t('room.stage.fullscreen')}</span>
        </button>
      )}
    </div>
  );
}
