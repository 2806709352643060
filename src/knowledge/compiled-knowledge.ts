/**
 * The knowledge precompiled at build time: `npm run build` loads and
 * validates knowledge/ once (load-knowledge.ts, YAML + zod) and writes the
 * linked result to dist/knowledge.json, with a fingerprint of every file it
 * came from. Start-up then reads one JSON file instead of parsing a few
 * hundred YAML files, and falls back to the YAML whenever the file is
 * missing, from another format, or the knowledge changed since the build
 * (edited without rebuilding, or another WUERROR_KNOWLEDGE_DIR).
 *
 * This module imports neither yaml nor the schema: the slow path is loaded
 * only when it is needed.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knowledge } from './types.js';

/** knowledge/ beside src/ (or dist/), as load-knowledge.ts has it. */
export const BUNDLED_KNOWLEDGE_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'knowledge',
);

/** dist/knowledge.json when this file runs from dist/ (src/knowledge.json never exists). */
export const COMPILED_KNOWLEDGE_FILE = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'knowledge.json',
);

/** Bumped whenever the way this file encodes Knowledge changes. */
const FORMAT = 3;

interface CompiledFile {
  format: number;
  fingerprint: string;
  /**
   * Every knowledge file's relative path, size and modification time at build:
   * while they are all the same, the files were not touched and hashing them
   * again (about 15 ms) is skipped; any difference falls back to the hash.
   */
  files: Array<[string, number, number]>;
  /**
   * Values that occur more than once (a procedure's steps linked into many
   * entries), each written once; `{"$ref": n}` stands for shared[n]. A shared
   * value may refer to earlier ones.
   */
  shared: unknown[];
  /** The whole Knowledge, every Map (at any depth) written as {"$map": [[key, value], ...]}. */
  knowledge: unknown;
}

/** A repeated value this long (as JSON) or longer is written once. */
const SHARE_MIN_CHARS = 64;

/**
 * The encoded form of `root`: Maps as {"$map": entries}, and every object or
 * array whose JSON repeats (SHARE_MIN_CHARS or more) as a reference into
 * `shared`. Knowledge is read-only once loaded, so one object can stand for
 * all its copies (fewer objects to parse and to keep).
 */
function encode(root: unknown): { knowledge: unknown; shared: unknown[] } {
  const withMaps = (value: unknown): unknown => {
    if (value instanceof Map) return { $map: [...value].map(([k, v]) => [k, withMaps(v)]) };
    if (Array.isArray(value)) return value.map(withMaps);
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = withMaps(item);
      return out;
    }
    return value;
  };
  const plain = withMaps(root);
  // Each object's JSON, bottom-up, and how often each JSON occurs.
  const json = new Map<object, string>();
  const seen = new Map<string, number>();
  const measure = (value: unknown): string => {
    if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
    const text = Array.isArray(value)
      ? `[${value.map(measure).join(',')}]`
      : `{${Object.entries(value)
          .filter(([, item]) => item !== undefined)
          .map(([key, item]) => `${JSON.stringify(key)}:${measure(item)}`)
          .join(',')}}`;
    json.set(value, text);
    if (text.length >= SHARE_MIN_CHARS) seen.set(text, (seen.get(text) ?? 0) + 1);
    return text;
  };
  measure(plain);
  const shared: unknown[] = [];
  const index = new Map<string, number>();
  const rewrite = (value: unknown, top = false): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const text = json.get(value) ?? '';
    const known = index.get(text);
    if (known !== undefined) return { $ref: known };
    const inner = Array.isArray(value)
      ? value.map((item) => rewrite(item))
      : Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewrite(item)]));
    if (top || (seen.get(text) ?? 0) < 2) return inner;
    index.set(text, shared.length);
    shared.push(inner);
    return { $ref: shared.length - 1 };
  };
  return { knowledge: rewrite(plain, true), shared };
}

/**
 * Turns `{ $map: [...] }` back into Maps and `{ $ref: n }` into shared[n], in
 * place, after a plain JSON.parse: a reviver function would be called for
 * every one of the file's values, this walk visits only its objects.
 */
function decode(value: object, shared: unknown[]): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item !== null && typeof item === 'object') value[i] = decode(item, shared);
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  if ('$ref' in record) return shared[record.$ref as number];
  if ('$map' in record) {
    const pairs = record.$map as Array<[unknown, unknown]>;
    for (const pair of pairs) {
      const item = pair[1];
      if (item !== null && typeof item === 'object') pair[1] = decode(item, shared);
    }
    return new Map(pairs);
  }
  for (const key in record) {
    const item = record[key];
    if (item !== null && typeof item === 'object') record[key] = decode(item, shared);
  }
  return record;
}

/**
 * Every file under dir, by relative path ('/'-separated), in a stable order.
 * A plain walk: readdirSync's own `recursive` joins and normalises every
 * path, several times slower on start-up's critical path.
 */
function listFiles(dir: string): Array<{ path: string; name: string }> {
  const files: Array<{ path: string; native: string; name: string }> = [];
  const walk = (folder: string, prefix: string) => {
    for (const item of readdirSync(folder, { withFileTypes: true })) {
      const native = prefix + item.name;
      const path = folder + sep + item.name;
      if (item.isDirectory()) walk(path, native + sep);
      else if (item.isFile()) files.push({ path, native, name: native.split(sep).join('/') });
    }
  };
  walk(dir, '');
  return files.sort((a, b) => (a.native < b.native ? -1 : a.native > b.native ? 1 : 0));
}

/** sha-256 over every file under dir (relative path and bytes), in a stable order. */
export function fingerprintKnowledge(dir: string): string {
  const hash = createHash('sha256');
  for (const { path, name } of listFiles(dir)) {
    hash.update(name);
    hash.update('\0');
    hash.update(readFileSync(path));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function statFiles(dir: string): Array<[string, number, number]> {
  return listFiles(dir).map(({ path, name }) => {
    const stat = statSync(path);
    return [name, stat.size, stat.mtimeMs];
  });
}

function sameFiles(a: Array<[string, number, number]>, b: Array<[string, number, number]>) {
  return (
    a.length === b.length &&
    a.every(([name, size, mtime], i) => {
      const other = b[i];
      return other?.[0] === name && other[1] === size && other[2] === mtime;
    })
  );
}

/** Writes the linked knowledge (already validated by the caller's loader) with its fingerprint. */
export function writeCompiledKnowledge(knowledge: Knowledge, dir: string, file: string): void {
  const files = statFiles(dir);
  const compiled: CompiledFile = {
    format: FORMAT,
    fingerprint: fingerprintKnowledge(dir),
    files,
    ...encode(knowledge),
  };
  writeFileSync(file, JSON.stringify(compiled));
}

/** The precompiled knowledge if `file` holds it for exactly the files in `dir`; else undefined. */
export function readCompiledKnowledge(dir: string, file: string): Knowledge | undefined {
  return readCompiled(dir, file)?.knowledge;
}

/** The precompiled knowledge and the fingerprint of the files it was built from. */
export function readCompiled(
  dir: string,
  file: string,
): { knowledge: Knowledge; fingerprint: string } | undefined {
  let compiled: CompiledFile;
  try {
    compiled = JSON.parse(readFileSync(file, 'utf8')) as CompiledFile;
  } catch {
    return undefined;
  }
  if (compiled?.format !== FORMAT || !Array.isArray(compiled.shared)) return undefined;
  let unchanged: boolean;
  try {
    unchanged = sameFiles(statFiles(dir), compiled.files);
  } catch {
    return undefined;
  }
  if (!unchanged && compiled.fingerprint !== fingerprintKnowledge(dir)) return undefined;
  const shared = compiled.shared;
  for (let i = 0; i < shared.length; i++) {
    const item = shared[i];
    if (item !== null && typeof item === 'object') shared[i] = decode(item, shared);
  }
  return {
    knowledge: decode(compiled.knowledge as object, shared) as Knowledge,
    fingerprint: compiled.fingerprint,
  };
}

/**
 * What the server starts with: the precompiled file when it matches the
 * knowledge in `dir` (with the fingerprint of those files), otherwise the
 * YAML, loaded and validated as ever.
 */
export async function loadKnowledgeFast(
  dir: string = BUNDLED_KNOWLEDGE_DIR,
  file: string = COMPILED_KNOWLEDGE_FILE,
): Promise<{ knowledge: Knowledge; from: 'compiled' | 'yaml'; fingerprint?: string }> {
  const compiled = readCompiled(dir, file);
  if (compiled) return { ...compiled, from: 'compiled' };
  const { loadKnowledge } = await import('./load-knowledge.js');
  return { knowledge: loadKnowledge(dir), from: 'yaml' };
}
