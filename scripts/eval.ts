/**
 * `npm run eval [-- path/to/queries.jsonl] [--failures] [--batch=N]`: accuracy per kind of query;
 * `--batch=N` scores only that batch of the real-text set (batch 2 is held out, eval/README.md).
 * Exits 1 when any query fails, so it can gate a release.
 */
import { loadKnowledge } from '../src/knowledge/load-knowledge.js';
import { createResolver } from '../src/resolver/create-resolver.js';
import {
  DEFAULT_CODE_INDEX,
  measureCoverage,
  parseCodeIndex,
  readCodeIndex,
  type Share,
} from './eval/code-index-coverage.js';
import {
  chooseBatch,
  chooseQueries,
  isCorrect,
  percent,
  readQueries,
  scoreByKind,
} from './eval/eval-queries.js';
import { reportRealText } from './eval/real-text-report.js';

const { path, note } = chooseQueries(process.argv.slice(2).find((arg) => !arg.startsWith('--')));
const queries = readQueries(path);
const knowledge = loadKnowledge();
const resolver = createResolver(knowledge);
const results = queries.map((query) => isCorrect(query, resolver.resolve(query.q).matches));

console.log(`Evaluation over ${queries.length} queries from ${path} (${note})\n`);
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

reportCodeIndexCoverage();
const realText = reportRealText(resolver, undefined, chooseBatch(process.argv.slice(2)));
if (realText && process.argv.includes('--failures')) {
  console.log('\nReal-text misses:');
  for (const line of realText.failures) console.log(line);
}

/** Curated share of the reference pack's code index (issue 8's first measure). */
function reportCodeIndexCoverage(): void {
  const text = readCodeIndex();
  if (text === undefined) {
    console.log(
      `\nCode index: ${DEFAULT_CODE_INDEX} not found; curated share of the reference pack not measured.`,
    );
    return;
  }
  const coverage = measureCoverage(parseCodeIndex(text), new Set(knowledge.entries.keys()));
  const line = (label: string, share: Share) =>
    `${label.padEnd(44)}  ${`${share.curated}/${share.total}`.padStart(7)}  ${percent(share.curated, share.total).padStart(8)}`;
  console.log(`\nCurated share of the reference pack's code index (${DEFAULT_CODE_INDEX})`);
  console.log(line('error codes that 2+ files mention', coverage.multiFile));
  console.log(line('all indexed error codes (0x8..., 0xC...)', coverage.all));
  console.log(line('all indexed codes (log values included)', coverage.everything));
  const { missing } = coverage.multiFile;
  if (missing.length > 0) {
    const shown = missing.slice(0, 30).join(' ');
    console.log(
      `Not curated yet (2+ files, most-mentioned first): ${shown}${missing.length > 30 ? ` ... and ${missing.length - 30} more` : ''}`,
    );
  }
}
