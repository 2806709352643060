/**
 * The symptom index's per-entry tables (terms, phrases, line counts) made at
 * build time: turning every entry's lines into stemmed terms is most of
 * creating the resolver (about 50 ms of start-up). `npm run build` writes
 * them to dist/symptom-tables.json beside dist/knowledge.json, with the
 * fingerprint of the knowledge files they were made from; the server uses
 * them only when it started from the precompiled knowledge with that same
 * fingerprint, and makes them itself otherwise (the YAML fallback, tests,
 * the CLI). They come from the same build as the code that reads them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKnowledgeFast } from '../knowledge/compiled-knowledge.js';
import type { Knowledge } from '../knowledge/types.js';
import { createResolver, type Resolver } from './create-resolver.js';
import { type EntryTerms, toEntryTerms } from './symptom-index.js';

/** dist/symptom-tables.json when this file runs from dist/ (as for knowledge.json). */
export const SYMPTOM_TABLES_FILE = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'symptom-tables.json',
);

/** Bumped whenever the encoding below changes. */
const FORMAT = 1;

interface TablesFile {
  format: number;
  /** The knowledge files' fingerprint (compiled-knowledge.ts) the tables were made from. */
  fingerprint: string;
  /** One per curated entry, Sets written as {"$set": [...]}, Maps as {"$map": [[k, v], ...]}. */
  tables: unknown[];
}

const encodeCollections = (_key: string, value: unknown) =>
  value instanceof Set ? { $set: [...value] } : value instanceof Map ? { $map: [...value] } : value;

function decodeCollections(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (value[i] !== null && typeof value[i] === 'object') value[i] = decodeCollections(value[i]);
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.$set)) return new Set(record.$set);
  if (Array.isArray(record.$map)) {
    const pairs = record.$map as Array<[unknown, unknown]>;
    for (const pair of pairs) pair[1] = decodeCollections(pair[1]);
    return new Map(pairs);
  }
  for (const key in record) record[key] = decodeCollections(record[key]);
  return record;
}

export function writeSymptomTables(knowledge: Knowledge, fingerprint: string, file: string): void {
  const content: TablesFile = {
    format: FORMAT,
    fingerprint,
    tables: [...knowledge.entries.values()].map(toEntryTerms),
  };
  writeFileSync(file, JSON.stringify(content, encodeCollections));
}

/** The tables in `file` if they were made from the knowledge with this fingerprint; else undefined. */
export function readSymptomTables(fingerprint: string, file: string): EntryTerms[] | undefined {
  let content: TablesFile;
  try {
    content = JSON.parse(readFileSync(file, 'utf8')) as TablesFile;
  } catch {
    return undefined;
  }
  if (content?.format !== FORMAT || content.fingerprint !== fingerprint) return undefined;
  if (!Array.isArray(content.tables)) return undefined;
  return content.tables.map(decodeCollections) as EntryTerms[];
}

/**
 * The server's knowledge and resolver: the precompiled knowledge and the
 * tables made with it when both match the files in `dir`, else whatever
 * part does not match is made here.
 */
export async function loadResolver(
  dir?: string,
  files: { knowledge?: string; tables?: string } = {},
): Promise<{
  knowledge: Knowledge;
  from: 'compiled' | 'yaml';
  resolver: Resolver;
  symptomTables: 'prepared' | 'built';
}> {
  const { knowledge, from, fingerprint } = await loadKnowledgeFast(dir, files.knowledge);
  const tables = fingerprint
    ? readSymptomTables(fingerprint, files.tables ?? SYMPTOM_TABLES_FILE)
    : undefined;
  const resolver = createResolver(knowledge, tables ? { symptomTables: tables } : {});
  return { knowledge, from, resolver, symptomTables: tables ? 'prepared' : 'built' };
}
