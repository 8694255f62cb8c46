import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../languages.js';
import { resources } from './index.js';

/** Every leaf of a nested strings object, as `path.to.key` → text. */
function leaves(tree: object, prefix = ''): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix + key;
    if (typeof value === 'object' && value !== null) {
      for (const [inner, text] of leaves(value as object, `${path}.`)) found.set(inner, text);
    } else {
      found.set(path, value);
    }
  }
  return found;
}

const placeholders = (text: unknown) => [...String(text).matchAll(/{{(\w+)}}/g)].map((m) => m[1]);

describe('translations', () => {
  const english = leaves(resources.en.translation);

  it.each(LANGUAGES)('%s has every English key, each with non-empty text', (language) => {
    const strings = leaves(resources[language].translation);
    expect([...strings.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of strings) {
      expect(typeof text === 'string' && text.trim() !== '', key).toBe(true);
    }
  });

  it.each(LANGUAGES)('%s keeps the same {{placeholders}} as English', (language) => {
    const strings = leaves(resources[language].translation);
    for (const [key, text] of english) {
      expect(placeholders(strings.get(key)).sort(), key).toEqual(placeholders(text).sort());
    }
  });
});
