import { Hand, Users } from 'lucide-react';
import { useTranslation } from 'react-i18next';

/** The people panel's tab or heading: its name, and how many hands are up (drawn, not an emoji). */
export function PeopleLabel({ hands }: { hands: number }) {
  const { t } = useTranslation();
  return (
    <>
      <Users aria-hidden="true" size={18} />
      {t('room.people.title')}
      {hands > 0 && (
        <span className="people-hands" data-testid="people-hands">
          <Hand aria-hidden="true" size={16} />
          <span aria-hidden="true">{hands}</span>
          <span className="visually-hidden">{t('room.people.hands', { n: hands })}</span>
        </span>
      )}
    </>
  );
}
