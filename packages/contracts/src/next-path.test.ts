import { describe, expect, it } from 'vitest';
import { sameOriginPath } from './next-path.js';

describe('sameOriginPath', () => {
  it('keeps a path on this site with its query and fragment', () => {
    expect(sameOriginPath('/live/5d6c?invite=abc#chat')).toBe('/live/5d6c?invite=abc#chat');
    expect(sameOriginPath('/live')).toBe('/live');
  });

  it.each([
    ['//evil.example', 'protocol-relative'],
    ['https://evil.example', 'absolute'],
    ['/\\evil.example', 'backslash read as a slash'],
    ['\\\\evil.example', 'two backslashes'],
    ['/\t/evil.example', 'a tab that browsers drop'],
    ['/\n/evil.example', 'a newline that browsers drop'],
    ['javascript:alert(1)', 'another scheme'],
    ['live', 'relative'],
    ['', 'empty'],
    [`/${'a'.repeat(2048)}`, 'too long'],
  ])('refuses %j (%s)', (next) => {
    expect(sameOriginPath(next)).toBeUndefined();
  });

  it('refuses nothing at all', () => {
    expect(sameOriginPath(undefined)).toBeUndefined();
    expect(sameOriginPath(null)).toBeUndefined();
  });

  it('normalises dot segments without leaving the site', () => {
    expect(sameOriginPath('/live/../../x')).toBe('/x');
    expect(sameOriginPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
  });
});
