/**
 * A feature's strings in every language: `en` is the reference, and the type of `zhCN` and `ko`
 * (TypeScript refuses a translation with a key missing or one too many).
 */
export function featureStrings<T>(
  en: T,
  translations: NoInfer<{ zhCN: T; ko: T }>,
): { en: T; zhCN: T; ko: T } {
  return { en, ...translations };
}
