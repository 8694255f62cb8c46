import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_AREAS } from '../config.js';

const README = new URL('../../../../README.md', import.meta.url);

/**
 * README's "Settings" section as heading → the variables its table names (every `NAME` in the
 * first column, so rows that group several variables count each one).
 */
function settingsTables(markdown: string): Map<string, string[]> {
  const section = /^## Settings\n([\s\S]*?)(?=^## )/m.exec(markdown)?.[1] ?? '';
  const tables = new Map<string, string[]>();
  let heading: string | undefined;
  for (const line of section.split('\n')) {
    const title = /^### (.+)$/.exec(line)?.[1];
    if (title) {
      heading = title.trim();
      tables.set(heading, []);
      continue;
    }
    if (!heading || !line.startsWith('|')) continue;
    const firstCell = line.split('|')[1] ?? '';
    const names = [...firstCell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!);
    tables.get(heading)!.push(...names);
  }
  return tables;
}

describe("README's settings tables", () => {
  const tables = settingsTables(readFileSync(README, 'utf8'));

  it('have one heading per area of the config, in its order', () => {
    expect([...tables.keys()]).toEqual(CONFIG_AREAS.map((area) => area.title));
  });

  it.each(CONFIG_AREAS.map((area) => [area.title, area]))(
    'list every variable of the %s area and no other',
    (title, area) => {
      expect([...(tables.get(title) ?? [])].sort()).toEqual([...area.variables].sort());
    },
  );
});

describe('settingsTables', () => {
  it('reads each name of the first column under its heading, and nothing of the others', () => {
    const markdown = [
      '## Settings',
      'Intro naming `IGNORED`.',
      '### One',
      '| variable | default | meaning |',
      '| --- | --- | --- |',
      '| `A_B`, `C` (alias `D`) | `E_F` | `G` |',
      '### Two',
      '| `H` | – | x |',
      '## Next',
      '| `AFTER` | – | x |',
    ].join('\n');
    expect(settingsTables(markdown)).toEqual(
      new Map([
        ['One', ['A_B', 'C', 'D']],
        ['Two', ['H']],
      ]),
    );
  });
});
