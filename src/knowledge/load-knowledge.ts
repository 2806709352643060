/**
 * Reads knowledge/ once at start-up, validates every file with zod and links
 * entries to the procedures they reference. Every problem in every file is
 * collected first, so one run of `wuerror --check-knowledge` lists them all.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { WuerrorError } from '../errors.js';
import {
  CatalogueFileSchema,
  type CatalogueRecord,
  type Code,
  type Entry,
  EntrySchema,
  FamiliesFileSchema,
  type Family,
  type Procedure,
  ProcedureSchema,
  SetupExtendCodesFileSchema,
  type StepRef,
} from './schema.js';
import type { ExtendCodes, Knowledge, KnowledgeEntry, KnowledgeFamily, Step } from './types.js';

/** knowledge/ beside src/ (or dist/), whatever the current directory is. */
export const DEFAULT_KNOWLEDGE_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'knowledge',
);

export function loadKnowledge(dir: string = DEFAULT_KNOWLEDGE_DIR): Knowledge {
  const problems: string[] = [];
  const procedures = loadProcedures(join(dir, 'procedures'), problems);
  const rawEntries = loadEntries(join(dir, 'errors'), problems);
  const rawFamilies = readValidated(join(dir, 'families.yaml'), FamiliesFileSchema, problems);
  const catalogueFile = readValidated(join(dir, 'catalogue.json'), CatalogueFileSchema, problems);
  const extendCodes = loadExtendCodes(join(dir, 'setup-extend-codes.yaml'), problems);

  const entries = new Map<Code, KnowledgeEntry>();
  for (const [file, entry] of rawEntries) {
    const steps = linkSteps(entry.steps, entry.code, procedures, file, problems);
    entries.set(entry.code, { ...entry, steps });
  }
  const families: KnowledgeFamily[] = (rawFamilies?.families ?? []).map((family: Family) => ({
    ...family,
    steps: linkSteps(family.steps, family.id, procedures, 'families.yaml', problems),
  }));
  const catalogue = new Map<Code, CatalogueRecord>();
  for (const record of catalogueFile?.records ?? []) {
    // Several headers can name one code (E_ACCESSDENIED, ERROR_ACCESS_DENIED);
    // the first record is the primary name, the rest become aliases via names.
    if (!catalogue.has(record.code)) catalogue.set(record.code, record);
  }

  checkReferences(entries, families, catalogue, problems);
  if (problems.length > 0) {
    throw new WuerrorError(
      'KNOWLEDGE_INVALID',
      `knowledge in ${dir} is invalid:\n  - ${problems.join('\n  - ')}`,
    );
  }
  return {
    entries,
    families,
    catalogue,
    procedures,
    names: indexNames(entries, catalogueFile?.records ?? []),
    ...(extendCodes ? { extendCodes } : {}),
  };
}

/** Optional file: without it extend codes are still read, just not named. */
function loadExtendCodes(path: string, problems: string[]): ExtendCodes | undefined {
  if (!existsSync(path)) return undefined;
  const file = readValidated(path, SetupExtendCodesFileSchema, problems);
  if (!file) return undefined;
  return {
    phases: new Map(file.phases.map((phase) => [phase.digit, phase])),
    operations: new Map(file.operations.map((operation) => [operation.hex, operation])),
  };
}

function loadProcedures(dir: string, problems: string[]): Map<string, Procedure> {
  const procedures = new Map<string, Procedure>();
  for (const file of listYaml(dir, problems)) {
    const procedure = readValidated(join(dir, file), ProcedureSchema, problems);
    if (!procedure) continue;
    if (`${procedure.id}.yaml` !== file) {
      problems.push(
        `procedures/${file}: field "id" is "${procedure.id}" but the file name says "${basename(file, '.yaml')}"`,
      );
    }
    procedures.set(procedure.id, procedure);
  }
  return procedures;
}

function loadEntries(dir: string, problems: string[]): Array<[string, Entry]> {
  const entries: Array<[string, Entry]> = [];
  for (const file of listYaml(dir, problems)) {
    const entry = readValidated(join(dir, file), EntrySchema, problems);
    if (!entry) continue;
    if (`${entry.code}.yaml` !== file) {
      problems.push(
        `errors/${file}: field "code" is "${entry.code}" but the file name says "${basename(file, '.yaml')}"`,
      );
    }
    entries.push([`errors/${file}`, entry]);
  }
  return entries;
}

function listYaml(dir: string, problems: string[]): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.yaml'))
      .sort();
  } catch (error) {
    problems.push(`${dir}: cannot be read (${(error as Error).message})`);
    return [];
  }
}

/** Parses YAML or JSON and validates it; problems name the file and field. */
function readValidated<T extends z.ZodType>(
  path: string,
  schema: T,
  problems: string[],
): z.infer<T> | undefined {
  const label = relativeLabel(path);
  let raw: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    raw = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    problems.push(`${label}: cannot be read or parsed (${(error as Error).message})`);
    return undefined;
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
      problems.push(`${label}: field "${field}": ${issue.message}`);
    }
    return undefined;
  }
  return result.data;
}

function relativeLabel(path: string): string {
  const parts = path.split(/[\\/]/);
  const at = parts.lastIndexOf('knowledge');
  return at >= 0 ? parts.slice(at + 1).join('/') : path;
}

/** Turns procedure references into full steps, so nothing downstream looks ids up. */
function linkSteps(
  refs: StepRef[],
  owner: string,
  procedures: Map<string, Procedure>,
  file: string,
  problems: string[],
): Step[] {
  const steps: Step[] = [];
  refs.forEach((ref, index) => {
    if ('use' in ref) {
      const procedure = procedures.get(ref.use);
      if (!procedure) {
        problems.push(
          `${file}: field "steps.${index}.use": no procedure "${ref.use}" in procedures/`,
        );
        return;
      }
      const { id, ...body } = procedure;
      steps.push(withAllWarnings({ ...body, id, ...(ref.note ? { note: ref.note } : {}) }));
    } else {
      steps.push(withAllWarnings({ ...ref, id: `${owner}-step-${index + 1}` }));
    }
  });
  return steps;
}

/** A step's badges include the warnings of every command in it. */
function withAllWarnings(step: Step): Step {
  const all = new Set(step.warnings);
  for (const command of step.commands) for (const warning of command.warnings) all.add(warning);
  return { ...step, warnings: [...all] };
}

function checkReferences(
  entries: Map<Code, KnowledgeEntry>,
  families: KnowledgeFamily[],
  catalogue: Map<Code, CatalogueRecord>,
  problems: string[],
): void {
  for (const entry of entries.values()) {
    for (const code of entry.related) {
      if (!entries.has(code) && !catalogue.has(code)) {
        problems.push(
          `errors/${entry.code}.yaml: field "related": ${code} is neither curated nor in the catalogue`,
        );
      }
    }
  }
  for (const family of families) {
    if (Number.parseInt(family.from, 16) > Number.parseInt(family.to, 16)) {
      problems.push(`families.yaml: family "${family.id}": "from" is above "to"`);
    }
  }
}

/** Upper-case symbolic name -> code, curated names first so they win. */
function indexNames(
  entries: Map<Code, KnowledgeEntry>,
  records: CatalogueRecord[],
): Map<string, Code> {
  const names = new Map<string, Code>();
  for (const entry of entries.values()) {
    for (const name of [entry.name, ...entry.aliases]) if (name) names.set(name, entry.code);
  }
  for (const record of records) if (!names.has(record.name)) names.set(record.name, record.code);
  return names;
}
