/** The languages of the interface; `en` is the fallback for missing keys. */
export const LANGUAGES = ['en', 'zh-CN', 'ko'] as const;

export type Language = (typeof LANGUAGES)[number];

export const FALLBACK_LANGUAGE: Language = 'en';

/**
 * Each language's name in itself: a reader looks for their own language in a picker, whatever
 * language the page is in now, so these are not translated.
 */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  'zh-CN': '简体中文',
  ko: '한국어',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Maps a BCP 47 tag from the browser (`ko-KR`, `zh-Hans-CN`, `en-GB`) to ours, if any. */
export function matchLanguage(tag: string): Language | undefined {
  const base = tag.toLowerCase().split('-')[0];
  // Only Simplified Chinese is offered; readers of Traditional Chinese still read it more
  // easily than the English fallback.
  if (base === 'zh') return 'zh-CN';
  if (base === 'ko') return 'ko';
  if (base === 'en') return 'en';
  return undefined;
}

/**
 * Picks the interface language: the one chosen earlier in this browser, else the first of the
 * browser's preferred languages that we have, else English.
 */
export function detectLanguage(stored: string | null, preferred: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of preferred) {
    const match = matchLanguage(tag);
    if (match) return match;
  }
  return FALLBACK_LANGUAGE;
}
