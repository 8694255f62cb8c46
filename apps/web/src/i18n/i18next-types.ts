import type { Messages } from './resources/en.js';

// Types `t()` keys from the English strings, so a typo or a missing key fails `tsc`.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
