/**
 * The project's own real-text set (eval/real-text.jsonl: public posts, pasted
 * logs and helpdesk tickets, each with its source URL), scored by kind with
 * the same rules as the sample, plus the share of messages whose first match
 * is a curated entry (what a person gets real steps for).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Resolver } from '../../src/resolver/create-resolver.js';
import {
  batchOf,
  type EvalQuery,
  isCorrect,
  percent,
  readQueries,
  scoreByBatch,
  scoreByKind,
} from './eval-queries.js';
import { pageKey, readKnowledgeSources } from './knowledge-sources.js';

export const REAL_TEXT = resolve(import.meta.dirname, '..', '..', 'eval', 'real-text.jsonl');

export interface RealTextReport {
  total: number;
  passed: number;
  /** Messages expecting an answer whose first match is curated. */
  curatedFirst: { curated: number; total: number };
  failures: string[];
}

/**
 * Scores the real-text set by kind (and by batch when it has several), or only
 * `batch` when given: batch 2 is the held-out set (eval/README.md).
 */
export function reportRealText(
  resolver: Resolver,
  path = REAL_TEXT,
  batch?: number,
): RealTextReport | undefined {
  if (!existsSync(path)) {
    console.log(`\nReal-text set: ${path} not found; not measured.`);
    return undefined;
  }
  const all = readQueries(path);
  const queries = batch === undefined ? all : all.filter((query) => batchOf(query) === batch);
  const answers = queries.map((query) => resolver.resolve(query.q).matches);
  const results = queries.map((query, index) => isCorrect(query, answers[index] ?? []));
  const which = batch === undefined ? '' : ` (batch ${batch} of ${all.length})`;
  console.log(`\nReal-text set: ${queries.length} public messages from ${path}${which}\n`);
  console.log('kind            passed  accuracy  rule');
  const rules: Record<string, string> = {
    'code-question': 'first match is the code asked about',
    log: 'first match is the failure, not the first code',
    upgrade: 'first match is the setup result code',
    description: 'right error among the first three',
    offtopic: 'no match at all',
  };
  for (const score of scoreByKind(queries, results)) {
    console.log(
      `${score.kind.padEnd(14)}  ${`${score.passed}/${score.total}`.padStart(6)}  ${percent(score.passed, score.total).padStart(8)}  ${rules[score.kind] ?? ''}`,
    );
  }
  const passed = results.filter(Boolean).length;
  console.log(
    `${'all'.padEnd(14)}  ${`${passed}/${queries.length}`.padStart(6)}  ${percent(passed, queries.length).padStart(8)}`,
  );
  const batches = scoreByBatch(queries, results);
  if (batches.length > 1) {
    console.log(
      `by batch: ${batches.map((b) => `batch ${b.batch} ${b.passed}/${b.total} (${percent(b.passed, b.total)})`).join(', ')}`,
    );
  }
  reportUnseenPages(queries, results);
  const expecting = queries
    .map((q, i) => ({ q, first: answers[i]?.[0] }))
    .filter(({ q }) => q.mode !== 'none');
  const curated = expecting.filter(({ first }) => first?.source === 'curated').length;
  console.log(
    `first match curated (messages that expect an error): ${curated}/${expecting.length} (${percent(curated, expecting.length)})`,
  );
  const failures = queries.flatMap((query, index) => {
    if (results[index]) return [];
    const got = (answers[index] ?? []).slice(0, 3).map((m) => `${m.code}(${m.source})`);
    const text = query.q.length > 100 ? `${query.q.slice(0, 97)}...` : query.q;
    return [
      `  [${query.kind}] ${JSON.stringify(text)} expected ${query.expect.join(',') || 'nothing'}, got ${got.join(' ') || 'nothing'}`,
    ];
  });
  return {
    total: queries.length,
    passed,
    curatedFirst: { curated, total: expecting.length },
    failures,
  };
}

/**
 * The same score over messages from pages the knowledge never cites: the
 * number to trust for posts the product has not seen.
 */
function reportUnseenPages(queries: EvalQuery[], results: boolean[]): void {
  const cited = readKnowledgeSources();
  const unseen = queries.flatMap((query, index) =>
    query.source && cited.has(pageKey(query.source))
      ? []
      : [{ query, passed: results[index] ?? false }],
  );
  const byKind = scoreByKind(
    unseen.map((u) => u.query),
    unseen.map((u) => u.passed),
  );
  const passed = unseen.filter((u) => u.passed).length;
  console.log(
    `from pages the knowledge does not cite (${queries.length - unseen.length} messages left out): ${byKind
      .map((k) => `${k.kind} ${k.passed}/${k.total} (${percent(k.passed, k.total)})`)
      .join(', ')}; all ${passed}/${unseen.length} (${percent(passed, unseen.length)})`,
  );
}
