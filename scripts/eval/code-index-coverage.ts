/**
 * How much of the reference pack's code index (../shared/references/
 * microsoft-docs/codes.tsv: code, number_of_files, files) is curated. Only
 * error codes count (0x8xxxxxxx and 0xCxxxxxxx): the index also holds log
 * values such as 0x00000000 and bug-check parameters.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const DEFAULT_CODE_INDEX = resolve(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'shared',
  'references',
  'microsoft-docs',
  'codes.tsv',
);

export interface IndexedCode {
  code: string;
  files: number;
}

export interface Share {
  total: number;
  curated: number;
  /** Codes not curated yet, most-mentioned first. */
  missing: string[];
}

export interface CodeIndexCoverage {
  /** Error codes that two or more files of the pack mention. */
  multiFile: Share;
  /** Every error code in the index. */
  all: Share;
  /** Every code in the index, log values and bug-check parameters included. */
  everything: Share;
}

const ERROR_CODE = /^0x[8C][0-9A-F]{7}$/;

export function parseCodeIndex(text: string): IndexedCode[] {
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [code = '', files = '0'] = line.split('\t');
      return { code: code.trim().toUpperCase().replace(/^0X/, '0x'), files: Number(files) };
    });
}

export function isErrorCode(code: string): boolean {
  return ERROR_CODE.test(code);
}

export function measureCoverage(
  index: IndexedCode[],
  curated: ReadonlySet<string>,
): CodeIndexCoverage {
  const errors = index.filter((row) => isErrorCode(row.code)).sort((a, b) => b.files - a.files);
  return {
    multiFile: share(
      errors.filter((row) => row.files >= 2),
      curated,
    ),
    all: share(errors, curated),
    everything: share(index, curated),
  };
}

function share(rows: IndexedCode[], curated: ReadonlySet<string>): Share {
  const missing = rows.filter((row) => !curated.has(row.code)).map((row) => row.code);
  return { total: rows.length, curated: rows.length - missing.length, missing };
}

/** The index text, or undefined when the pack is not beside this worktree. */
export function readCodeIndex(path: string = DEFAULT_CODE_INDEX): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}
