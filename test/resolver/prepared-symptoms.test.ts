/**
 * The symptom index's tables made at build time: the resolver built on them
 * answers exactly as one that makes them itself, and they are used only for
 * the knowledge they were made from.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCompiled, writeCompiledKnowledge } from '../../src/knowledge/compiled-knowledge.js';
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import type { Knowledge } from '../../src/knowledge/types.js';
import { createResolver } from '../../src/resolver/create-resolver.js';
import {
  loadResolver,
  readSymptomTables,
  writeSymptomTables,
} from '../../src/resolver/prepared-symptoms.js';
import { toEntryTerms } from '../../src/resolver/symptom-index.js';

let work: string;
let dir: string;
let knowledgeFile: string;
let tablesFile: string;
let knowledge: Knowledge;
let fingerprint: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'wuerror-tables-'));
  dir = join(work, 'knowledge');
  cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
  knowledgeFile = join(work, 'knowledge.json');
  tablesFile = join(work, 'symptom-tables.json');
  writeCompiledKnowledge(loadKnowledge(dir), dir, knowledgeFile);
  const compiled = readCompiled(dir, knowledgeFile);
  if (!compiled) throw new Error('the compiled knowledge did not read back');
  ({ knowledge, fingerprint } = compiled);
  writeSymptomTables(knowledge, fingerprint, tablesFile);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const DESCRIPTIONS = [
  'updates fail behind our proxy',
  'the proxy keeps asking for credentials when Windows Update runs',
  'stuck at 0% downloading the cumulative update',
  'WSUS clients do not report, the console shows nothing',
  'feature update rolls back after restart',
  'proxxy blocks windows update',
  'how do I reset my VPN password',
  '0x8024001E',
];

describe('prepared symptom tables', () => {
  it('read back as the tables the resolver makes itself', () => {
    const tables = readSymptomTables(fingerprint, tablesFile);
    expect(tables).toEqual([...knowledge.entries.values()].map(toEntryTerms));
    expect(tables?.[0]?.strong).toBeInstanceOf(Set);
    expect(tables?.[0]?.lineCount).toBeInstanceOf(Map);
  });

  it('give a resolver that answers as one without them', async () => {
    const loaded = await loadResolver(dir, { knowledge: knowledgeFile, tables: tablesFile });
    expect(loaded.from).toBe('compiled');
    expect(loaded.symptomTables).toBe('prepared');
    const plain = createResolver(loadKnowledge(dir));
    for (const text of DESCRIPTIONS) {
      const codes = (r: typeof plain) =>
        r.resolve(text).matches.map((m) => [m.code, m.score, m.confident ?? false]);
      expect(codes(loaded.resolver), text).toEqual(codes(plain));
    }
    expect(loaded.resolver.resolve(DESCRIPTIONS[0] ?? '').matches.length).toBeGreaterThan(0);
  });

  it('are used only for the knowledge they were made from', async () => {
    expect(readSymptomTables('another fingerprint', tablesFile)).toBeUndefined();
    expect(readSymptomTables(fingerprint, join(work, 'nowhere.json'))).toBeUndefined();
    // No precompiled knowledge (the YAML is read): the resolver makes its own tables.
    const fromYaml = await loadResolver(dir, {
      knowledge: join(work, 'nowhere.json'),
      tables: tablesFile,
    });
    expect(fromYaml.from).toBe('yaml');
    expect(fromYaml.symptomTables).toBe('built');
  });
});
