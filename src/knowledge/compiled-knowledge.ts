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
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knowledge } from './types.js';

/** knowledge/ beside src/ (or dist/), as load-knowledge.ts has it. */
const BUNDLED_KNOWLEDGE_DIR = resolve(
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
const FORMAT = 2;

interface CompiledFile {
  format: number;
  fingerprint: string;
  /** The whole Knowledge, every Map (at any depth) written as {"$map": [[key, value], ...]}. */
  knowledge: unknown;
}

/** JSON has no Map: write each as its entries, so every field of Knowledge survives, new ones too. */
const encodeMaps = (_key: string, value: unknown) =>
  value instanceof Map ? { $map: [...value] } : value;
/**
 * Turns `{ $map: [...] }` back into Maps, in place, after a plain JSON.parse:
 * a reviver function would be called for every one of the file's values
 * (about 50 ms on the 3.7 MB file), this walk visits only its objects.
 */
function decodeMaps(value: object): object {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item !== null && typeof item === 'object') value[i] = decodeMaps(item);
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  if ('$map' in record) {
    const pairs = record.$map as Array<[unknown, unknown]>;
    for (const pair of pairs) {
      const item = pair[1];
      if (item !== null && typeof item === 'object') pair[1] = decodeMaps(item);
    }
    return new Map(pairs);
  }
  for (const key in record) {
    const item = record[key];
    if (item !== null && typeof item === 'object') record[key] = decodeMaps(item);
  }
  return record;
}

/** sha-256 over every file under dir (relative path and bytes), in a stable order. */
export function fingerprintKnowledge(dir: string): string {
  const hash = createHash('sha256');
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((item) => item.isFile())
    .map((item) => join(item.parentPath, item.name))
    .sort();
  for (const file of files) {
    hash.update(relative(dir, file).split(sep).join('/'));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Writes the linked knowledge (already validated by the caller's loader) with its fingerprint. */
export function writeCompiledKnowledge(knowledge: Knowledge, dir: string, file: string): void {
  const compiled: CompiledFile = {
    format: FORMAT,
    fingerprint: fingerprintKnowledge(dir),
    knowledge,
  };
  writeFileSync(file, JSON.stringify(compiled, encodeMaps));
}

/** The precompiled knowledge if `file` holds it for exactly the files in `dir`; else undefined. */
export function readCompiledKnowledge(dir: string, file: string): Knowledge | undefined {
  let compiled: CompiledFile;
  try {
    compiled = decodeMaps(JSON.parse(readFileSync(file, 'utf8'))) as CompiledFile;
  } catch {
    return undefined;
  }
  if (compiled.format !== FORMAT || compiled.fingerprint !== fingerprintKnowledge(dir)) {
    return undefined;
  }
  return compiled.knowledge as Knowledge;
}

/**
 * What the server starts with: the precompiled file when it matches the
 * knowledge in `dir`, otherwise the YAML, loaded and validated as ever.
 */
export async function loadKnowledgeFast(
  dir: string = BUNDLED_KNOWLEDGE_DIR,
  file: string = COMPILED_KNOWLEDGE_FILE,
): Promise<{ knowledge: Knowledge; from: 'compiled' | 'yaml' }> {
  const compiled = readCompiledKnowledge(dir, file);
  if (compiled) return { knowledge: compiled, from: 'compiled' };
  const { loadKnowledge } = await import('./load-knowledge.js');
  return { knowledge: loadKnowledge(dir), from: 'yaml' };
}
