/**
 * `npm run bench`: start-up time, per-query latency (median, p99) and memory
 * of the resolver with the full catalogue loaded, side by side with a plain
 * fuse.js search over all entries on the same queries as a baseline.
 *
 * Targets (issue 2): p99 under 1 ms per query; start-up under 500 ms.
 * Long inputs (issue 9, 11): a 20,000-character log paste and a
 * 20,000-character message of distinct unknown words, each under 20 ms.
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

/** A CBS/DISM/WindowsUpdate-shaped paste of about `chars` characters, failure near the end. */
function longLog(chars: number): string {
  const lines: string[] = [];
  let i = 0;
  while (lines.join('\n').length < chars - 200) {
    i++;
    lines.push(
      i % 3 === 0
        ? `2024-01-10 10:11:${String(i % 60).padStart(2, '0')}, Info                  CBS    Failed to get session package state [HRESULT = 0x80070490 - ERROR_NOT_FOUND]`
        : i % 3 === 1
          ? `2024-01-10 10:11:${String(i % 60).padStart(2, '0')}, Info                  CBS    Session: 31082497_${4265380000 + i} initialized by client WindowsUpdateAgent, flags: 0x80000000`
          : `2024/01/10 10:30:${String(i % 60).padStart(2, '0')}.1234567 1208  5516  Agent           * START * Finding updates CallerId = UpdateOrchestrator  Id = ${i}`,
    );
  }
  lines.push(
    '2024-01-10 10:15:02, Error                 CBS    Failed to perform operation.  [HRESULT = 0x800f0922 - CBS_E_INSTALLERS_FAILED]',
  );
  return lines.join('\n').slice(-chars);
}

/**
 * About `chars` characters of words the knowledge has never seen, new on
 * every call, in sentences of twelve words (so the sentence windows run too).
 */
let unknownRound = 0;
function unknownWords(chars: number): string {
  unknownRound++;
  const words: string[] = ['Windows', 'update', 'fails.'];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const word = `q${unknownRound.toString(36)}z${i.toString(36)}k${i % 12 === 11 ? '.' : ''}`;
    words.push(word);
    length += word.length + 1;
  }
  return words.join(' ').slice(0, chars);
}

function timeLong(label: string, make: () => string, answer: Answer, rounds = 15): string {
  answer(make()); // warm-up
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const text = make();
    const start = performance.now();
    answer(text);
    samples.push(performance.now() - start);
  }
  return `  ${label.padEnd(38)} median ${quantile(samples, 0.5).toFixed(2)} ms, p90 ${quantile(samples, 0.9).toFixed(2)} ms, max ${Math.max(...samples).toFixed(2)} ms (target < 20 ms)`;
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
console.log('\nLong inputs (20,000 characters):');
const paste = longLog(20_000);
console.log(`  (the paste's first answer: ${ours(paste)[0]?.code ?? 'none'}; expected 0x800F0922)`);
console.log(timeLong('log paste (CBS/WindowsUpdate lines)', () => paste, ours));
const codeRun = Array.from({ length: 3_000 }, (_, i) => `0x8024${(0x1000 + i).toString(16)}`)
  .join(' failed ')
  .slice(0, 20_000);
console.log(timeLong('codes on one line, no line breaks', () => codeRun, ours));
console.log(timeLong('message of distinct unknown words', () => unknownWords(20_000), ours));
globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
for (let i = 0; i < 200; i++) ours(unknownWords(20_000));
globalThis.gc?.();
console.log(
  globalThis.gc
    ? `  heap growth after 200 such messages: ${((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20).toFixed(1)} MB (the typo cache is bounded)`
    : '  (run node with --expose-gc to measure heap growth)',
);
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
