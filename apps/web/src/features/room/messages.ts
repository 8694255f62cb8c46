import { featureStrings } from '../../i18n/feature-strings.js';
import { en } from './strings/en.js';
import { ko } from './strings/ko.js';
import { zhCN } from './strings/zh-CN.js';

/** The live room's strings in every language; `en` is the reference the others must match. */
export const roomMessages = featureStrings(en, { zhCN, ko });
