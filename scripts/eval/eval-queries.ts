/**
 * Reading and scoring the evaluation queries (../shared/eval/queries.jsonl,
 * format in its README). Shared by `npm run eval` and `npm run bench` so both
 * judge answers the same way.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

export const DEFAULT_QUERIES = resolve(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'shared',
  'eval',
  'queries.jsonl',
);

/** The repository's own evaluation set: real public posts (see eval/README.md). */
export const REPO_QUERIES = resolve(import.meta.dirname, '..', '..', 'eval', 'real-text.jsonl');

/**
 * Which queries file to read: the one asked for; else the shared sample
 * beside the repository; else, on a fresh clone without it, the repository's
 * own set. `note` says which and why, for the report's first line.
 */
export function chooseQueries(
  asked: string | undefined,
  exists: (path: string) => boolean = existsSync,
): { path: string; note: string } {
  if (asked) return { path: asked, note: 'as asked' };
  if (exists(DEFAULT_QUERIES)) return { path: DEFAULT_QUERIES, note: 'the shared sample' };
  return {
    path: REPO_QUERIES,
    note: `${DEFAULT_QUERIES} not found; the repository's own evaluation set`,
  };
}

const EvalQuerySchema = z.object({
  q: z.string(),
  expect: z.array(z.string()),
  mode: z.enum(['top1', 'any3', 'all3', 'none', 'notcurated']),
  kind: z.string(),
  /** Which collection round a real-text line belongs to (eval/README.md); absent means 1. */
  batch: z.number().int().positive().optional(),
  /** Where a real-text line came from (the shared sample has none). */
  source: z.string().optional(),
});
export type EvalQuery = z.infer<typeof EvalQuerySchema>;

export interface AnsweredMatch {
  code: string;
  source: string;
}

export function readQueries(path: string): EvalQuery[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const parsed = EvalQuerySchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${index + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

/** Whether an answer satisfies a query, exactly as the eval README defines the modes. */
export function isCorrect(query: EvalQuery, matches: AnsweredMatch[]): boolean {
  const top3 = matches.slice(0, 3).map((m) => m.code);
  switch (query.mode) {
    case 'top1':
      return matches[0]?.code === query.expect[0];
    case 'any3':
      return query.expect.some((code) => top3.includes(code));
    case 'all3':
      return query.expect.every((code) => top3.includes(code));
    case 'none':
      return matches.length === 0;
    case 'notcurated':
      return matches.every((m) => m.source !== 'curated');
    default: {
      const unreachable: never = query.mode;
      throw new Error(`unknown mode ${String(unreachable)}`);
    }
  }
}

export interface KindScore {
  kind: string;
  passed: number;
  total: number;
}

export function scoreByKind(queries: EvalQuery[], results: boolean[]): KindScore[] {
  const byKind = new Map<string, KindScore>();
  queries.forEach((query, index) => {
    const score = byKind.get(query.kind) ?? { kind: query.kind, passed: 0, total: 0 };
    score.total++;
    if (results[index]) score.passed++;
    byKind.set(query.kind, score);
  });
  return [...byKind.values()];
}

export interface BatchScore {
  batch: number;
  passed: number;
  total: number;
}

/** A query's batch: its `batch` field, or 1 for lines written before batches existed. */
export function batchOf(query: EvalQuery): number {
  return query.batch ?? 1;
}

/** Passed and total per batch, in batch order. */
export function scoreByBatch(queries: EvalQuery[], results: boolean[]): BatchScore[] {
  const byBatch = new Map<number, BatchScore>();
  queries.forEach((query, index) => {
    const batch = batchOf(query);
    const score = byBatch.get(batch) ?? { batch, passed: 0, total: 0 };
    score.total++;
    if (results[index]) score.passed++;
    byBatch.set(batch, score);
  });
  return [...byBatch.values()].sort((a, b) => a.batch - b.batch);
}

/**
 * The `--batch=N` option of `npm run eval`: the batch to report alone, or
 * undefined when absent. A malformed value is an error, not a silent "all".
 */
export function chooseBatch(args: readonly string[]): number | undefined {
  const arg = args.find((a) => a.startsWith('--batch'));
  if (arg === undefined) return undefined;
  const match = /^--batch=(\d+)$/.exec(arg);
  const batch = match ? Number(match[1]) : Number.NaN;
  if (!Number.isInteger(batch) || batch < 1) {
    throw new Error(`${arg}: expected --batch=N with N a batch number (1, 2, ...)`);
  }
  return batch;
}

export function percent(passed: number, total: number): string {
  return total === 0 ? '-' : `${((100 * passed) / total).toFixed(1)}%`;
}
