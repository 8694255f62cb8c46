import { Hand } from 'lucide-react';
import { useTranslation } from 'react-i18next';

/** The people tab's badge: how many hands are up (drawn, not an emoji); none while none are. */
export function HandsBadge({ hands }: { hands: number }) {
  const { t } = useTranslation();
  if (hands === 0) return null;
  return (
    <span className="people-hands" data-testid="people-hands">
      <Hand aria-hidden="true" size={16} />
      <span aria-hidden="true">{hands}</span>
      <span className="visually-hidden">{t('room.people.hands', { count: hands })}</span>
    </span>
  );
}
