/**
 * `npm run eval [-- path/to/queries.jsonl]`: accuracy per kind of query.
 * Exits 1 when any query fails, so it can gate a release.
 */
import { loadKnowledge } from '../src/knowledge/load-knowledge.js';
import { createResolver } from '../src/resolver/create-resolver.js';
import {
  DEFAULT_QUERIES,
  isCorrect,
  percent,
  readQueries,
  scoreByKind,
} from './eval/eval-queries.js';

const path = process.argv[2] ?? DEFAULT_QUERIES;
const queries = readQueries(path);
const resolver = createResolver(loadKnowledge());
const results = queries.map((query) => isCorrect(query, resolver.resolve(query.q).matches));

console.log(`Evaluation over ${queries.length} queries from ${path}\n`);
console.log('kind          passed  accuracy');
for (const score of scoreByKind(queries, results)) {
  console.log(
    `${score.kind.padEnd(12)}  ${`${score.passed}/${score.total}`.padStart(6)}  ${percent(score.passed, score.total).padStart(8)}`,
  );
}
const passed = results.filter(Boolean).length;
console.log(
  `${'all'.padEnd(12)}  ${`${passed}/${queries.length}`.padStart(6)}  ${percent(passed, queries.length).padStart(8)}`,
);

const failures = queries.filter((_, index) => !results[index]);
if (failures.length > 0) {
  console.log('\nFailures:');
  for (const query of failures) {
    const got = resolver
      .resolve(query.q)
      .matches.slice(0, 3)
      .map((m) => `${m.code}(${m.source},${m.score})`);
    console.log(
      `  [${query.kind}/${query.mode}] ${JSON.stringify(query.q)} expected ${query.expect.join(',') || 'nothing'}, got ${got.join(' ') || 'nothing'}`,
    );
  }
  process.exitCode = 1;
}
