import { useTranslation } from 'react-i18next';
import { SelectField } from '../lib/Form.js';
import { switchLanguage } from './create-i18n.js';
import { FALLBACK_LANGUAGE, isLanguage, LANGUAGE_NAMES, LANGUAGES } from './languages.js';

/** Each language named in itself, so a reader finds theirs whatever the page is in. */
const OPTIONS = LANGUAGES.map((language) => ({
  value: language,
  label: LANGUAGE_NAMES[language],
  lang: language,
}));

/** A labelled picker of the interface language; the choice is remembered in this browser. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const current = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : FALLBACK_LANGUAGE;
  return (
    <SelectField
      className="language-switcher"
      label={t('language.label')}
      value={current}
      options={OPTIONS}
      onChange={(value) => {
        if (isLanguage(value)) void switchLanguage(i18n, value);
      }}
    />
  );
}
