/**
 * The knowledge lint: meaning, not shape (zod already checked the shape at
 * load). Commands fit their shell and are safe to paste (lint-commands.ts),
 * every procedure is used, every entry cites a source that exists, names
 * agree with the catalogue, and a long flow says why it is long. Each problem
 * names the file and the field, like the loader's problems do.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lintCommand } from './lint-commands.js';
import { lintOrder } from './lint-order.js';
import type { CatalogueRecord, Code, Source } from './schema.js';
import type { Knowledge, Step } from './types.js';

/** More steps than this is a long flow, and the entry must say why. */
export const MAX_STEPS_WITHOUT_REASON = 8;

export interface LintOptions {
  /** shared/references/microsoft-docs; when it does not exist, `doc` sources are not checked. */
  referencesDir?: string | undefined;
  /** shared/seeds; when it does not exist, `seed` sources are not checked. */
  seedsDir?: string | undefined;
  /** Every catalogue record, aliases included (Knowledge keeps only the first per code). */
  catalogueRecords?: CatalogueRecord[] | undefined;
}

export interface LintReport {
  /** "errors/0x8024001E.yaml: field "steps.2.commands.0.run": ..." */
  problems: string[];
  /** Checks skipped, and why (a folder that is not there). */
  notices: string[];
}

/** The shared folder beside the worktree: <repo>/../shared. */
export function defaultLintOptions(knowledgeDir: string): LintOptions {
  const shared = resolve(knowledgeDir, '..', '..', 'shared');
  return {
    referencesDir: join(shared, 'references', 'microsoft-docs'),
    seedsDir: join(shared, 'seeds'),
    catalogueRecords: readCatalogueRecords(join(knowledgeDir, 'catalogue.json')),
  };
}

export function lintKnowledge(knowledge: Knowledge, options: LintOptions = {}): LintReport {
  const problems: string[] = [];
  const notices: string[] = [];
  const sourceExists = createSourceCheck(options, notices);

  for (const procedure of knowledge.procedures.values()) {
    const file = `procedures/${procedure.id}.yaml`;
    lintStep(procedure as unknown as Step, file, '', sourceExists, problems);
  }
  for (const entry of knowledge.entries.values()) {
    const file = `errors/${entry.code}.yaml`;
    entry.steps.forEach((step, index) => {
      if (isInline(step, knowledge))
        lintStep(step, file, `steps.${index}.`, sourceExists, problems);
    });
    lintSources(entry.sources, file, 'sources', sourceExists, problems);
    if (!entry.sources.some((source) => ['exists', 'unchecked'].includes(sourceExists(source)))) {
      problems.push(
        `${file}: field "sources": cites no article, seed or public page that exists (a header alone is not enough)`,
      );
    }
    lintLength(entry.steps.length, entry.longFlowReason, file, problems);
    for (const [field, message] of lintOrder(entry.steps))
      problems.push(`${file}: field "${field}": ${message}`);
    lintName(entry.code, entry.name, entry.aliases, file, options.catalogueRecords, problems);
  }
  knowledge.families.forEach((family, familyIndex) => {
    const at = `families.${familyIndex}.`;
    family.steps.forEach((step, index) => {
      if (isInline(step, knowledge))
        lintStep(step, 'families.yaml', `${at}steps.${index}.`, sourceExists, problems);
    });
    lintSources(family.sources, 'families.yaml', `${at}sources`, sourceExists, problems);
    lintLength(
      family.steps.length,
      family.longFlowReason,
      'families.yaml',
      problems,
      `family "${family.id}": `,
    );
    for (const [field, message] of lintOrder(family.steps))
      problems.push(`families.yaml: field "${at}${field}": family "${family.id}" ${message}`);
  });
  const used = new Set(
    [...knowledge.entries.values(), ...knowledge.families].flatMap((o) => o.steps.map((s) => s.id)),
  );
  for (const id of knowledge.procedures.keys()) {
    if (!used.has(id))
      problems.push(`procedures/${id}.yaml: field "id": no entry or family uses this procedure`);
  }
  return { problems, notices };
}

/** A step written in the entry itself (the loader names those `<owner>-step-<n>`). */
function isInline(step: Step, knowledge: Knowledge): boolean {
  return !knowledge.procedures.has(step.id);
}

function lintStep(
  step: Step,
  file: string,
  at: string,
  sourceExists: SourceCheck,
  problems: string[],
): void {
  step.commands.forEach((command, index) => {
    for (const message of lintCommand({ ...command, warnings: command.warnings ?? [] })) {
      problems.push(
        `${file}: field "${at}commands.${index}.run": ${JSON.stringify(command.run)} ${message}`,
      );
    }
  });
  lintSources(step.sources, file, `${at}sources`, sourceExists, problems);
}

function lintLength(
  steps: number,
  reason: string | undefined,
  file: string,
  problems: string[],
  who = '',
): void {
  if (steps > MAX_STEPS_WITHOUT_REASON && !reason) {
    problems.push(
      `${file}: field "longFlowReason": ${who}${steps} steps is more than ${MAX_STEPS_WITHOUT_REASON}; shorten the flow or say why it needs them`,
    );
  }
}

function lintName(
  code: Code,
  name: string | null,
  aliases: string[],
  file: string,
  records: CatalogueRecord[] | undefined,
  problems: string[],
): void {
  if (!records) return;
  const ours = [name, ...aliases].filter((n): n is string => n !== null);
  const known = records.filter((record) => record.code === code).map((record) => record.name);
  if (known.length > 0 && !ours.some((n) => known.includes(n))) {
    problems.push(
      `${file}: field "name": ${name ?? 'null'} is not the catalogue's name for ${code} (${known.join(', ')}); use it or list it in aliases`,
    );
  }
  for (const n of ours) {
    const elsewhere = records.find((record) => record.name === n && record.code !== code);
    if (elsewhere && !known.includes(n)) {
      problems.push(
        `${file}: field "name": ${n} is the catalogue's name for ${elsewhere.code}, not ${code}`,
      );
    }
  }
}

type SourceState = 'exists' | 'missing' | 'unchecked' | 'not-a-file';
type SourceCheck = (source: Source) => SourceState;

function lintSources(
  sources: Source[],
  file: string,
  at: string,
  sourceExists: SourceCheck,
  problems: string[],
): void {
  sources.forEach((source, index) => {
    if (sourceExists(source) === 'missing') {
      problems.push(
        `${file}: field "${at}.${index}": ${'doc' in source ? source.doc : 'seed' in source ? source.seed : ''} does not exist`,
      );
    }
    if ('doc' in source && source.url !== expectedUrl(source.doc)) {
      problems.push(
        `${file}: field "${at}.${index}.url": the page for ${source.doc} is ${expectedUrl(source.doc)}`,
      );
    }
  });
}

/** SupportArticles-docs/support/X.md -> /troubleshoot/X; windows-itpro-docs/windows/X.md -> /windows/X. */
export function expectedUrl(doc: string): string {
  const support = /^SupportArticles-docs\/support\/(.+)\.md$/.exec(doc);
  if (support) return `https://learn.microsoft.com/troubleshoot/${support[1]}`;
  const itpro = /^windows-itpro-docs\/windows\/(.+)\.md$/.exec(doc);
  return itpro ? `https://learn.microsoft.com/windows/${itpro[1]}` : '(no rule for this path)';
}

function createSourceCheck(options: LintOptions, notices: string[]): SourceCheck {
  const references = folderOrNotice(options.referencesDir, 'reference pack', '"doc"', notices);
  const seeds = folderOrNotice(options.seedsDir, 'seeds', '"seed"', notices);
  const cache = new Map<string, boolean>();
  const exists = (path: string) => {
    if (!cache.has(path)) cache.set(path, existsSync(path));
    return cache.get(path) === true;
  };
  return (source) => {
    if ('doc' in source)
      return references
        ? exists(join(references, source.doc))
          ? 'exists'
          : 'missing'
        : 'unchecked';
    if ('seed' in source)
      return seeds ? (exists(join(seeds, source.seed)) ? 'exists' : 'missing') : 'unchecked';
    if ('url' in source) return /^https?:\/\//.test(source.url) ? 'exists' : 'missing';
    return 'not-a-file';
  };
}

function folderOrNotice(
  dir: string | undefined,
  what: string,
  field: string,
  notices: string[],
): string | undefined {
  if (dir && existsSync(dir)) return dir;
  notices.push(
    `${what} not found${dir ? ` at ${dir}` : ''}: ${field} sources were not checked for existence`,
  );
  return undefined;
}

function readCatalogueRecords(path: string): CatalogueRecord[] | undefined {
  if (!existsSync(path)) return undefined;
  return (JSON.parse(readFileSync(path, 'utf8')) as { records: CatalogueRecord[] }).records;
}
