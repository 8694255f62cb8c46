import { describe, expect, it } from 'vitest';
import { detectLanguage, matchLanguage } from './languages.js';

describe('detectLanguage', () => {
  it('takes the first browser language that the interface has', () => {
    expect(detectLanguage(null, ['fr-FR', 'ko-KR', 'en-US'])).toBe('ko');
    expect(detectLanguage(null, ['zh-CN', 'en'])).toBe('zh-CN');
  });

  it('prefers the language chosen earlier in this browser', () => {
    expect(detectLanguage('ko', ['zh-CN', 'en'])).toBe('ko');
  });

  it('ignores a stored value that is not one of its languages', () => {
    expect(detectLanguage('fr', ['zh-Hans-CN'])).toBe('zh-CN');
  });

  it('falls back to English when nothing matches', () => {
    expect(detectLanguage(null, ['fr-FR', 'de'])).toBe('en');
    expect(detectLanguage(null, [])).toBe('en');
  });
});

describe('matchLanguage', () => {
  it('maps every Chinese variant to Simplified Chinese, the one offered', () => {
    expect(['zh', 'zh-SG', 'zh-Hans', 'zh-TW'].map(matchLanguage)).toEqual([
      'zh-CN',
      'zh-CN',
      'zh-CN',
      'zh-CN',
    ]);
  });

  it('matches regional English and Korean by their base language, in any case', () => {
    expect(matchLanguage('EN-gb')).toBe('en');
    expect(matchLanguage('ko')).toBe('ko');
    expect(matchLanguage('ja-JP')).toBeUndefined();
  });
});
