import type { Language } from '../languages.js';
import { en, type Messages } from './en.js';
import { ko } from './ko.js';
import { zhCN } from './zh-CN.js';

/** Every language's strings, in i18next's resource shape (one `translation` namespace). */
export const resources: Record<Language, { translation: Messages }> = {
  en: { translation: en },
  'zh-CN': { translation: zhCN },
  ko: { translation: ko },
};
