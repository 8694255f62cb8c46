import { describe, expect, it } from 'vitest';
import { configProblems as problems } from '../../test/support/config-problems.js';
import { parseConfig } from '../config.js';

describe('EMBED_ORIGINS', () => {
  it('is empty by default: no page may frame the room', () => {
    expect(parseConfig({}, '/tmp').embed).toEqual({ origins: [] });
  });

  it('takes comma-separated origins, normalised and without duplicates', () => {
    const config = parseConfig(
      {
        EMBED_ORIGINS:
          'https://School.example.com/, http://localhost:8080 ,https://school.example.com:443,http://127.0.0.1:5173',
      },
      '/tmp',
    );
    expect(config.embed.origins).toEqual([
      'https://school.example.com',
      'http://localhost:8080',
      'http://127.0.0.1:5173',
    ]);
  });

  it.each([
    ['*', '"*" is not an origin like https://school.example.com'],
    ['https://*.example.com', '"https://*.example.com" is not an origin'],
    ['https://school.example.com/classes', 'no path, no wildcard'],
    ['school.example.com', '"school.example.com" is not an origin'],
    ['http://school.example.com', '"http://school.example.com" must be https://'],
  ])('refuses %j at start, naming the variable', (value, message) => {
    const found = problems({ EMBED_ORIGINS: `https://ok.example, ${value}` });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^EMBED_ORIGINS: /);
    expect(found[0]).toContain(message);
  });
});
