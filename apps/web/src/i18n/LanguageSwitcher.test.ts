// @vitest-environment happy-dom
import { createElement } from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { cleanUpAfterEach } from '../test-support/clean-up.js';
import { createI18n } from './create-i18n.js';
import { LanguageSwitcher } from './LanguageSwitcher.js';

cleanUpAfterEach();

function renderSwitcher(preferred: readonly string[]) {
  const i18n = createI18n(preferred);
  render(createElement(I18nextProvider, { i18n }, createElement(LanguageSwitcher)));
  return i18n;
}

describe('LanguageSwitcher', () => {
  it('starts in the browser language, with a label in that language', () => {
    renderSwitcher(['ko-KR', 'en']);
    const select = screen.getByLabelText<HTMLSelectElement>('언어');
    expect(select.value).toBe('ko');
    expect(document.documentElement.lang).toBe('ko');
  });

  it('switches the interface and remembers the choice for the next visit', async () => {
    renderSwitcher(['en-US']);
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'zh-CN' } });

    expect(await screen.findByLabelText('语言')).toBeDefined();
    expect(localStorage.getItem('stagecast.language')).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');

    // a later visit from the same English-preferring browser
    const next = createI18n(['en-US']);
    expect(next.language).toBe('zh-CN');
  });

  it('names each language in itself', () => {
    renderSwitcher(['en']);
    const names = screen.getAllByRole('option').map((option) => option.textContent);
    expect(names).toEqual(['English', '简体中文', '한국어']);
  });
});
