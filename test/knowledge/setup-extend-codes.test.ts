/**
 * knowledge/setup-extend-codes.yaml maps the two halves of a Windows Setup
 * extend code (0x4000D: phase 4, operation 0D) to Microsoft's names. The names
 * must be exactly those of the upgrade-error-codes article's tables.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';

const root = join(import.meta.dirname, '../..');
const table = parse(readFileSync(join(root, 'knowledge/setup-extend-codes.yaml'), 'utf8')) as {
  phases: Array<{ digit: number; name: string; summary: string; advice: string }>;
  operations: Array<{ hex: string; name: string; summary: string }>;
  sources: Array<{ doc?: string; url?: string }>;
};
const article = join(
  root,
  '../shared/references/microsoft-docs',
  'SupportArticles-docs/support/windows-client/setup-upgrade-and-drivers/windows-10-upgrade-error-codes.md',
);

/** `|hex|NAME|` rows of the article's tables, keyed by the upper-case hex. */
function articleRows(prefix: RegExp): Map<string, string> {
  const rows = new Map<string, string>();
  for (const match of readFileSync(article, 'utf8').matchAll(/^\|([0-9A-F]{1,2})\|(\w+)\|$/gm)) {
    const [, hex, name] = match;
    if (hex && name && prefix.test(name)) rows.set(hex, name);
  }
  return rows;
}

describe('setup extend codes', () => {
  it('has one entry per phase digit 0-5 and per operation 00-20, each explained', () => {
    expect(table.phases.map((p) => p.digit)).toEqual([0, 1, 2, 3, 4, 5]);
    const hexes = table.operations.map((o) => o.hex);
    expect(hexes).toEqual(
      Array.from({ length: 0x21 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0')),
    );
    for (const phase of table.phases) {
      expect(phase.summary.length, phase.name).toBeGreaterThan(20);
      expect(phase.advice.length, phase.name).toBeGreaterThan(20);
    }
    for (const op of table.operations) expect(op.summary.length, op.name).toBeGreaterThan(5);
    expect(table.sources.some((s) => s.doc?.endsWith('windows-10-upgrade-error-codes.md'))).toBe(
      true,
    );
  });

  it.runIf(existsSync(article))("uses exactly the names of Microsoft's tables", () => {
    const phases = articleRows(/^SP_EXECUTION_(?!OP_)/);
    const operations = articleRows(/^SP_EXECUTION_OP_/);
    expect(phases.size).toBe(6);
    expect(operations.size).toBe(33);
    for (const phase of table.phases) expect(phase.name).toBe(phases.get(String(phase.digit)));
    for (const op of table.operations) {
      const hex = op.hex.replace(/^0(?=.)/, '');
      expect(op.name, op.hex).toBe(operations.get(hex));
    }
  });
});

describe('reference-pack citations', () => {
  const pack = join(root, '../shared/references/microsoft-docs');
  it.runIf(existsSync(pack))('every doc cited in knowledge/ exists in the reference pack', () => {
    const files = [
      'knowledge/setup-extend-codes.yaml',
      'knowledge/families.yaml',
      ...['errors', 'procedures'].flatMap((dir) =>
        readdirSync(join(root, 'knowledge', dir)).map((name) => `knowledge/${dir}/${name}`),
      ),
    ];
    for (const file of files) {
      for (const match of readFileSync(join(root, file), 'utf8').matchAll(/\bdoc: (\S+\.md)/g)) {
        expect(existsSync(join(pack, match[1] ?? '')), `${file}: ${match[1]}`).toBe(true);
      }
    }
  });
});

describe('0xC1900101, the generic upgrade rollback', () => {
  const knowledge = loadKnowledge();
  const entry = knowledge.entries.get('0xC1900101');
  const text = JSON.stringify(entry);

  it('is curated under its setup name and explains result and extend codes', () => {
    expect(entry?.name).toBe('MOSETUP_E_SETUP_PLATFORM');
    expect(entry?.meaning).toMatch(/extend code/);
    expect(entry?.meaning).toMatch(/phase/);
  });

  it('starts with SetupDiag and the setup logs, at their real paths', () => {
    expect(entry?.steps[0]?.id).toBe('run-setupdiag');
    expect(entry?.steps[1]?.id).toBe('read-setup-logs');
    for (const log of [
      '$Windows.~BT\\\\Sources\\\\Rollback\\\\setupact.log',
      '$Windows.~BT\\\\Sources\\\\Panther\\\\setuperr.log',
      '$Windows.~BT\\\\Sources\\\\Rollback\\\\setupapi\\\\setupapi.dev.log',
    ])
      expect(text).toContain(log);
  });

  it('gives advice for each reboot phase of the extend code', () => {
    for (const phase of ['0x2xxxx', '0x3xxxx', '0x4xxxx']) expect(text).toContain(phase);
  });
});
