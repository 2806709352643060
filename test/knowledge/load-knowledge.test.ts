import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isWuerrorError } from '../../src/errors.js';
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { createResolver } from '../../src/resolver/create-resolver.js';

const knowledge = loadKnowledge();
const resolver = createResolver(knowledge);
const seedCodes = readFileSync(
  join(import.meta.dirname, '..', 'fixtures', 'seed-codes.txt'),
  'utf8',
)
  .trim()
  .split('\n');
const SEEDS_DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'seeds');

describe('loadKnowledge', () => {
  it('loads every knowledge file', () => {
    const files = readdirSync(join(DEFAULT_KNOWLEDGE_DIR, 'errors'));
    expect(knowledge.entries.size).toBe(files.length);
    expect(knowledge.procedures.size).toBe(
      readdirSync(join(DEFAULT_KNOWLEDGE_DIR, 'procedures')).length,
    );
    expect(knowledge.families.length).toBeGreaterThan(10);
    expect(knowledge.catalogue.size).toBeGreaterThan(3000);
  });

  it('has a curated entry for each of the 34 seed codes, and each resolves to it', () => {
    expect(seedCodes).toHaveLength(34);
    for (const code of seedCodes) {
      const [top] = resolver.resolve(code).matches;
      expect(top, code).toMatchObject({ code, source: 'curated' });
      expect(top?.entry?.steps.length, code).toBeGreaterThan(0);
    }
  });

  it.runIf(existsSync(SEEDS_DIR))('the seed-code fixture matches the seeds themselves', () => {
    const text = readdirSync(SEEDS_DIR)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => readFileSync(join(SEEDS_DIR, f), 'utf8'))
      .join('\n');
    const found = new Set(
      [...text.matchAll(/0x[0-9a-f]{8}/gi)].map((m) => `0x${m[0].slice(2).toUpperCase()}`),
    );
    expect([...found].sort()).toEqual([...seedCodes].sort());
  });

  describe('with a broken file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wuerror-knowledge-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('names the file and the field', () => {
      cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
      const path = join(dir, 'errors', '0x8024001E.yaml');
      writeFileSync(
        path,
        readFileSync(path, 'utf8')
          .replace(/^title: .*$/m, 'title: 42')
          .replace(/use: check-wsus-health/, 'use: no-such-procedure'),
      );
      let message = '';
      try {
        loadKnowledge(dir);
      } catch (error) {
        expect(isWuerrorError(error) && error.code).toBe('KNOWLEDGE_INVALID');
        message = (error as Error).message;
      }
      expect(message).toContain('errors/0x8024001E.yaml: field "title"');
      expect(message).not.toContain('no procedure "no-such-procedure"'); // invalid files are not linked
    });

    it('reports a step that uses an unknown procedure', () => {
      const path = join(dir, 'errors', '0x8024401B.yaml');
      writeFileSync(
        path,
        readFileSync(path, 'utf8').replace('use: sync-clock', 'use: no-such-procedure'),
      );
      expect(() => loadKnowledge(dir)).toThrow(
        /errors\/0x8024401B\.yaml: field "steps\.\d+\.use": no procedure "no-such-procedure"/,
      );
    });
  });
});
