/**
 * `npm run bench`: start-up time, per-query latency (median, p99) and memory
 * of the resolver with the full catalogue loaded, side by side with a plain
 * fuse.js search over all entries on the same queries as a baseline.
 *
 * Targets (issue 2): p99 under 1 ms per query; start-up under 500 ms.
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import Fuse from 'fuse.js';
import { loadKnowledge } from '../src/knowledge/load-knowledge.js';
import type { Knowledge } from '../src/knowledge/types.js';
import { createResolver } from '../src/resolver/create-resolver.js';
import {
  type AnsweredMatch,
  chooseQueries,
  type EvalQuery,
  isCorrect,
  percent,
  readQueries,
} from './eval/eval-queries.js';

/** Rounds of the latency run; the baseline is slow enough that fewer rounds suffice. */
const ROUNDS = { wuerror: 20, baseline: 2 };

type Answer = (text: string) => AnsweredMatch[];

function measureStartup(): { coldMs: number; medianMs: number; knowledge: Knowledge } {
  const times: number[] = [];
  let knowledge: Knowledge | undefined;
  for (let i = 0; i < 10; i++) {
    const start = performance.now();
    knowledge = loadKnowledge();
    createResolver(knowledge);
    times.push(performance.now() - start);
  }
  return {
    coldMs: times[0] ?? 0,
    medianMs: quantile(times, 0.5),
    knowledge: knowledge as Knowledge,
  };
}

/** The baseline: every curated entry and catalogue record as one fuse.js document. */
function createPlainFuse(knowledge: Knowledge): Answer {
  const docs = [
    ...[...knowledge.entries.values()].map((e) => ({
      code: e.code,
      source: 'curated',
      name: e.name ?? '',
      text: [e.title, ...e.symptoms, ...e.logSignatures].join(' '),
    })),
    ...[...knowledge.catalogue.values()]
      .filter((r) => !knowledge.entries.has(r.code))
      .map((r) => ({ code: r.code, source: 'catalogue', name: r.name, text: '' })),
  ];
  const fuse = new Fuse(docs, {
    keys: ['code', 'name', 'text'],
    includeScore: true,
    ignoreLocation: true,
    threshold: 0.4,
  });
  return (text) =>
    fuse.search(text, { limit: 3 }).map((r) => ({ code: r.item.code, source: r.item.source }));
}

function timeQueries(answer: Answer, queries: string[], rounds: number): number[] {
  for (const q of queries) answer(q); // warm-up: JIT and lazy caches
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const q of queries) {
      const start = performance.now();
      answer(q);
      samples.push(performance.now() - start);
    }
  }
  return samples;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** Extra code-shaped queries so latency covers the whole catalogue, not only 60 lines. */
function catalogueQueries(knowledge: Knowledge): string[] {
  const codes = [...knowledge.catalogue.keys()].filter((_, i) => i % 7 === 0);
  return codes.map((code, i) =>
    i % 3 === 0
      ? code.toLowerCase().slice(2)
      : i % 3 === 1
        ? `Installation failed with error ${code}`
        : code,
  );
}

const startup = measureStartup();
const { knowledge } = startup;
const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
const resolver = createResolver(knowledge);
const ours: Answer = (text) => resolver.resolve(text).matches;
const baseline = createPlainFuse(knowledge);

const evalPath = chooseQueries(process.argv[2]).path;
const evalQueries: EvalQuery[] = existsSync(evalPath) ? readQueries(evalPath) : [];
const latencyQueries = [...evalQueries.map((q) => q.q), ...catalogueQueries(knowledge)];

console.log(
  `Knowledge: ${knowledge.entries.size} curated, ${knowledge.catalogue.size} catalogue codes, ${knowledge.families.length} families`,
);
console.log(
  `Start-up (load knowledge + build index): cold ${startup.coldMs.toFixed(1)} ms, median of 10 ${startup.medianMs.toFixed(1)} ms (target < 500 ms)`,
);
console.log(`Heap after load: ${heapMb.toFixed(1)} MB`);
console.log(
  `Latency over ${latencyQueries.length} queries (eval lines + catalogue codes); ${ROUNDS.wuerror} rounds, baseline ${ROUNDS.baseline}\n`,
);
console.log('resolver        accuracy  median ms  p99 ms   max ms');
const contenders = [
  { label: 'wuerror', answer: ours, rounds: ROUNDS.wuerror },
  { label: 'plain fuse.js', answer: baseline, rounds: ROUNDS.baseline },
];
for (const { label, answer, rounds } of contenders) {
  const samples = timeQueries(answer, latencyQueries, rounds);
  const passed = evalQueries.filter((q) => isCorrect(q, answer(q.q))).length;
  const cells = [
    label.padEnd(14),
    percent(passed, evalQueries.length).padStart(8),
    quantile(samples, 0.5).toFixed(4).padStart(9),
    quantile(samples, 0.99).toFixed(4).padStart(6),
    Math.max(...samples)
      .toFixed(3)
      .padStart(7),
  ];
  console.log(cells.join('  '));
}
if (evalQueries.length > 0) {
  console.log('\nAccuracy by kind (wuerror / plain fuse.js):');
  const kinds = [...new Set(evalQueries.map((q) => q.kind))];
  for (const kind of kinds) {
    const subset = evalQueries.filter((q) => q.kind === kind);
    const a = subset.filter((q) => isCorrect(q, ours(q.q))).length;
    const b = subset.filter((q) => isCorrect(q, baseline(q.q))).length;
    console.log(
      `  ${kind.padEnd(12)} ${percent(a, subset.length).padStart(7)} / ${percent(b, subset.length).padStart(7)}   (${subset.length} queries)`,
    );
  }
} else {
  console.log(`\n(no eval queries at ${evalPath}: accuracy not measured)`);
}
