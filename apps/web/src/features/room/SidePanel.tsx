import type { LucideIcon } from 'lucide-react';
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useMediaQuery } from './useMediaQuery.js';
import './side-panel.css';

/**
 * Wide enough to show every panel at once beside the stage (keep in step with the 64rem media
 * queries of room.css, side-panel.css and stage/stage.css).
 */
export const WIDE_LAYOUT_QUERY = '(min-width: 64rem)';

export interface SidePanelTab {
  id: string;
  /** The tab's name, after its icon and before its badge (a count, say), if it has one. */
  icon: LucideIcon;
  label: string;
  badge?: ReactNode;
  content: ReactNode;
}

/** A tab's label, on its tab button (narrow) or as its panel's heading (wide). */
function TabLabel({ tab }: { tab: SidePanelTab }) {
  return (
    <>
      <tab.icon aria-hidden="true" size={18} />
      {tab.label}
      {tab.badge}
    </>
  );
}

/**
 * The chat and the participants: side by side with the stage on wide screens, as tabs below it
 * on narrow ones (WAI-ARIA tabs: arrow keys move between them). Panels stay mounted either way,
 * so the chat keeps receiving while hidden.
 */
export function SidePanel({ tabs, label }: { tabs: readonly SidePanelTab[]; label: string }) {
  const baseId = useId();
  const wide = useMediaQuery(WIDE_LAYOUT_QUERY);
  const [selected, setSelected] = useState(tabs[0]?.id);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = (index + step + tabs.length) % tabs.length;
    setSelected(tabs[next]?.id);
    buttons.current[next]?.focus();
  };

  const tabId = (id: string) => `${baseId}-tab-${id}`;
  const panelId = (id: string) => `${baseId}-panel-${id}`;
  return (
    <aside className={wide ? 'room-side room-side--wide' : 'room-side'} aria-label={label}>
      {!wide && (
        <div role="tablist" aria-label={label} className="room-tabs">
          {tabs.map((tab, index) => (
            <button
              key={tab.id}
              ref={(element) => {
                buttons.current[index] = element;
              }}
              type="button"
              role="tab"
              id={tabId(tab.id)}
              aria-selected={selected === tab.id}
              aria-controls={panelId(tab.id)}
              tabIndex={selected === tab.id ? 0 : -1}
              data-testid={`tab-${tab.id}`}
              onClick={() => setSelected(tab.id)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              <TabLabel tab={tab} />
            </button>
          ))}
        </div>
      )}
      {tabs.map((tab) => (
        <section
          key={tab.id}
          id={panelId(tab.id)}
          role={wide ? 'region' : 'tabpanel'}
          aria-labelledby={wide ? `${panelId(tab.id)}-heading` : tabId(tab.id)}
          hidden={!wide && selected !== tab.id}
          className={`room-panel room-panel--${tab.id}`}
        >
          {wide && (
            <h2 id={`${panelId(tab.id)}-heading`} className="room-panel-heading">
              <TabLabel tab={tab} />
            </h2>
          )}
          {tab.content}
        </section>
      ))}
    </aside>
  );
}
