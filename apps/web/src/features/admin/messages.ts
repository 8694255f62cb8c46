import { en, type AdminStrings } from './strings/en.js';
import { ko } from './strings/ko.js';
import { zhCN } from './strings/zh-CN.js';

/** The admin page's strings in every language; `en` is the reference the others must match. */
export const adminMessages: { en: AdminStrings; zhCN: AdminStrings; ko: AdminStrings } = {
  en,
  zhCN,
  ko,
};
