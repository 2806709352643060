/**
 * The knowledge precompiled at build time: the same Knowledge as the YAML
 * gives, used only while it matches the files it was built from.
 */
import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadKnowledgeFast,
  readCompiledKnowledge,
  writeCompiledKnowledge,
} from '../../src/knowledge/compiled-knowledge.js';
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import type { Knowledge } from '../../src/knowledge/types.js';

let work: string;
let dir: string;
let file: string;
let fromYaml: Knowledge;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'wuerror-compiled-'));
  dir = join(work, 'knowledge');
  cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
  file = join(work, 'knowledge.json');
  fromYaml = loadKnowledge(dir);
  writeCompiledKnowledge(fromYaml, dir, file);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('precompiled knowledge', () => {
  it('gives exactly the knowledge the YAML gives', () => {
    const compiled = readCompiledKnowledge(dir, file);
    expect(compiled).toBeDefined();
    expect(compiled?.entries.size).toBe(fromYaml.entries.size);
    // Maps at any depth come back as Maps (the setup extend codes hold two).
    expect(compiled?.extendCodes?.phases).toBeInstanceOf(Map);
    expect(compiled?.extendCodes?.phases.size).toBe(fromYaml.extendCodes?.phases.size);
    expect(compiled).toEqual(fromYaml);
  });

  it('is used when it matches, and the YAML is read when the file is missing', async () => {
    expect((await loadKnowledgeFast(dir, file)).from).toBe('compiled');
    const missing = await loadKnowledgeFast(dir, join(work, 'nowhere.json'));
    expect(missing.from).toBe('yaml');
    expect(missing.knowledge).toEqual(fromYaml);
  });

  it('is ignored when it is not the compiled format', async () => {
    const junk = join(work, 'junk.json');
    writeFileSync(junk, '{"format": 0}');
    expect(readCompiledKnowledge(dir, junk)).toBeUndefined();
    writeFileSync(junk, 'not json');
    expect((await loadKnowledgeFast(dir, junk)).from).toBe('yaml');
  });

  it('is ignored once a knowledge file changed after the build', async () => {
    const changed = join(work, 'changed');
    cpSync(dir, changed, { recursive: true });
    appendFileSync(join(changed, 'families.yaml'), '\n# edited without rebuilding\n');
    expect(readCompiledKnowledge(changed, file)).toBeUndefined();
    expect((await loadKnowledgeFast(changed, file)).from).toBe('yaml');
  });

  it('writes a value repeated across entries once, and reads it back as one object', () => {
    const written = JSON.parse(readFileSync(file, 'utf8')) as { shared: unknown[] };
    expect(written.shared.length).toBeGreaterThan(0);
    const compiled = readCompiledKnowledge(dir, file);
    // A procedure linked into several entries: equal steps are the same object.
    const byJson = new Map<string, object>();
    let sharedSteps = 0;
    for (const entry of compiled?.entries.values() ?? []) {
      for (const step of entry.steps) {
        const key = JSON.stringify(step);
        const first = byJson.get(key);
        if (first) {
          expect(step).toBe(first);
          sharedSteps++;
        } else byJson.set(key, step);
      }
    }
    expect(sharedSteps).toBeGreaterThan(0);
  });

  it('trusts unchanged file times, and checks the contents when they differ', () => {
    const touched = join(work, 'touched');
    cpSync(dir, touched, { recursive: true });
    const own = join(work, 'touched.json');
    writeCompiledKnowledge(fromYaml, touched, own);
    expect(readCompiledKnowledge(touched, own)).toEqual(fromYaml);
    // Touched, same bytes: the contents still match.
    const families = join(touched, 'families.yaml');
    utimesSync(families, new Date(), new Date(Date.now() + 5000));
    expect(readCompiledKnowledge(touched, own)).toEqual(fromYaml);
    // Edited in place to the same size: the times differ, so the contents are compared.
    const text = readFileSync(families, 'utf8');
    const at = text.indexOf('title:') + 'title: '.length;
    const swapped = text[at] === 'X' ? 'Y' : 'X';
    writeFileSync(families, text.slice(0, at) + swapped + text.slice(at + 1));
    expect(readCompiledKnowledge(touched, own)).toBeUndefined();
  });
});
