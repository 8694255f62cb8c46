import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { readStored, writeStored } from '../lib/storage.js';
import { detectLanguage, FALLBACK_LANGUAGE, LANGUAGES, type Language } from './languages.js';
import { resources } from './resources/index.js';

/** Storage key (under the `stagecast.` prefix) of the language chosen in this browser. */
export const LANGUAGE_KEY = 'language';

/**
 * Creates the app's i18next instance, initialised synchronously (the strings are bundled), in
 * the language remembered in this browser or else the browser's preferred one.
 */
export function createI18n(
  preferred: readonly string[] = globalThis.navigator?.languages ?? [],
): i18n {
  const instance = i18next.createInstance();
  instance.on('languageChanged', (language) => {
    // Screen readers and the browser's hyphenation and fonts follow <html lang>.
    document.documentElement.lang = language;
  });
  void instance.use(initReactI18next).init({
    resources,
    lng: detectLanguage(readStored(LANGUAGE_KEY), preferred),
    fallbackLng: FALLBACK_LANGUAGE,
    supportedLngs: LANGUAGES,
    initAsync: false,
    // React escapes what it renders; escaping here too would show entities.
    interpolation: { escapeValue: false },
  });
  return instance;
}

/** Switches the interface language and remembers the choice in this browser. */
export async function switchLanguage(instance: i18n, language: Language): Promise<void> {
  writeStored(LANGUAGE_KEY, language);
  await instance.changeLanguage(language);
}
