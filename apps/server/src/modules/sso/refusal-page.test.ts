import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { pageLanguage, refusalHtml } from './refusal-page.js';

describe('the refused sign-in page', () => {
  it.each([
    ['ko-KR,ko;q=0.9,en;q=0.8', 'ko'],
    ['zh-TW,zh;q=0.9', 'zh-CN'],
    ['fr-FR,en;q=0.5', 'en'],
    ['de', 'en'],
    [undefined, 'en'],
  ])('is in the first language of %j that we speak', (header, language) => {
    expect(pageLanguage(header)).toBe(language);
  });

  it('says the reason in the reader language and shows the technical message as text, never as HTML', () => {
    const err = new AppError('UNAUTHENTICATED', 'aud is not <b>stagecast</b>', undefined, {
      reason: 'jwt_wrong_audience',
    });
    const html = refusalHtml(err, 'ko');
    expect(html).toContain('<html lang="ko">');
    expect(html).toContain('이 로그인 링크는 이 서버용으로 만들어지지 않았습니다.');
    expect(html).toContain('data-reason="jwt_wrong_audience"');
    expect(html).toContain('aud is not &lt;b&gt;stagecast&lt;/b&gt;');
    expect(html).not.toContain('<b>');
  });
});
