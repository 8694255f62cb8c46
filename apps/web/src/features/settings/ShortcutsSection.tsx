import { useState } from 'react';
import { Keyboard } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { isApplePlatform, MEDIA_SHORTCUTS, shortcutLabel } from '../../lib/media-shortcuts.js';

/** The room's keyboard shortcuts, written for this system (Ctrl+D, or ⌘D on a Mac). */
export function ShortcutsSection() {
  const { t } = useTranslation();
  const [apple] = useState(isApplePlatform);
  return (
    <section className="settings-section" aria-labelledby="settings-shortcuts-heading">
      <h3 id="settings-shortcuts-heading" className="settings-section-heading">
        <Keyboard aria-hidden="true" size={18} />
        {t('settings.shortcuts.heading')}
      </h3>
      <dl className="settings-shortcuts" data-testid="settings-shortcuts">
        {MEDIA_SHORTCUTS.map((kind) => (
          <div key={kind}>
            <dt>{t(`settings.shortcuts.${kind}`)}</dt>
            <dd>
              <kbd data-testid={`shortcut-${kind}`}>{shortcutLabel(kind, apple)}</kbd>
            </dd>
          </div>
        ))}
      </dl>
      <p className="settings-note">{t('settings.shortcuts.note')}</p>
    </section>
  );
}
