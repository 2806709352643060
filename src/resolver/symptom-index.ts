/**
 * Finds curated errors from a description in words ("updates fail behind our
 * proxy") when a message names no code.
 *
 * Scoring is IDF-weighted term coverage: how much of what the person said is
 * explained by an entry, with rare words counting more than "update" or
 * "fail". Words the knowledge has never seen still count in the total, which
 * is what keeps off-topic chat ("can you book a meeting room") from matching
 * anything. fuse.js supplies typo tolerance: a word we do not know is matched
 * against the vocabulary, so "proxxy" still finds "proxy".
 */
import Fuse from 'fuse.js';
import type { Code } from '../knowledge/schema.js';
import type { KnowledgeEntry } from '../knowledge/types.js';
import { toTerms } from './to-terms.js';

export interface SymptomHit {
  code: Code;
  /** 0..1; how well the entry explains the message. */
  score: number;
  /**
   * Sure enough to act on without asking "is that it?": a high score, well
   * ahead of the next candidate, from at least two telling words ("proxy"
   * alone fits several errors; "proxy asks for credentials" fits one).
   */
  confident: boolean;
}

export interface SymptomIndex {
  search(text: string, limit?: number): SymptomHit[];
}

interface EntryTerms {
  code: Code;
  /** Title, names, symptoms and log signatures: what the error looks like. */
  strong: Set<string>;
  /** Causes and meaning: why it happens; weaker evidence. */
  weak: Set<string>;
  /** Each symptom phrase, for rewarding a message that says one nearly whole. */
  phrases: Array<Set<string>>;
}

/** Weight of a word the knowledge has never seen (about that of a fairly rare word). */
const UNKNOWN_WEIGHT = 2.5;
/** A typo-corrected word counts a little less than one spelled right. */
const CORRECTED_FACTOR = 0.8;
/** Below this much matched IDF, only generic words matched ("update failed"). */
const MIN_EVIDENCE = 2.2;
const MIN_SCORE = 0.4;
/** Candidates far below the best are noise, not alternatives. */
const RELATIVE_CUTOFF = 0.55;
const CONFIDENT_SCORE = 0.8;
const CONFIDENT_MARGIN = 0.2;
/** Words rarer than this (in fewer than about a third of the entries) tell errors apart. */
const TELLING_IDF = 1.4;

export function createSymptomIndex(entries: Iterable<KnowledgeEntry>): SymptomIndex {
  const docs = [...entries].map(toEntryTerms);
  const idf = computeIdf(docs);
  const vocabulary = new Fuse(
    [...idf.keys()].filter((term) => term.length >= 4),
    {
      includeScore: true,
      threshold: 0.25,
      ignoreLocation: true,
    },
  );
  const corrections = new Map<string, string | null>();

  function correct(term: string): string | null {
    if (term.length < 4 || /\d/.test(term)) return null;
    let corrected = corrections.get(term);
    if (corrected === undefined) {
      const best = vocabulary.search(term, { limit: 1 })[0];
      corrected = best ? best.item : null;
      corrections.set(term, corrected);
    }
    return corrected;
  }

  function search(text: string, limit = 3): SymptomHit[] {
    const query = weighTerms(new Set(toTerms(text)), idf, correct);
    const total = query.reduce((sum, term) => sum + term.weight, 0);
    if (total === 0) return [];
    const known = new Set(query.flatMap((term) => (term.term ? [term.term] : [])));
    const hits: Array<SymptomHit & { telling: number }> = [];
    for (const doc of docs) {
      let matched = 0;
      let evidence = 0;
      let telling = 0;
      let shared = 0;
      for (const { term, weight } of query) {
        if (!term) continue;
        const strength = doc.strong.has(term) ? 1 : doc.weak.has(term) ? 0.5 : 0;
        matched += weight * strength;
        if (strength > 0) {
          evidence += (idf.get(term) ?? 0) * strength;
          shared++;
        }
        if (strength === 1 && (idf.get(term) ?? 0) >= TELLING_IDF) telling++;
      }
      if (evidence < MIN_EVIDENCE) continue;
      // One shared word in a longer message is a coincidence ("outlook keeps
      // crashing" and the setup crash entry), not evidence.
      if (shared < 2 && query.length > 1) continue;
      const score = 0.75 * (matched / total) + 0.25 * bestPhraseOverlap(doc, known);
      if (score >= MIN_SCORE)
        hits.push({ code: doc.code, score: round(score), confident: false, telling });
    }
    hits.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
    const [best, second] = hits;
    const top = best?.score ?? 0;
    return hits
      .filter((hit) => hit.score >= top * RELATIVE_CUTOFF)
      .slice(0, limit)
      .map(({ telling, ...hit }) => ({
        ...hit,
        confident:
          hit.code === best?.code &&
          hit.score >= CONFIDENT_SCORE &&
          telling >= 2 &&
          (!second || hit.score - second.score >= CONFIDENT_MARGIN),
      }));
  }

  return { search };
}

function toEntryTerms(entry: KnowledgeEntry): EntryTerms {
  const names = [entry.name ?? '', ...entry.aliases].join(' ');
  const strongText = [entry.title, names, ...entry.symptoms, ...entry.logSignatures].join(' \n ');
  const weakText = [entry.meaning, ...entry.causes].join(' \n ');
  return {
    code: entry.code,
    strong: new Set(toTerms(strongText)),
    weak: new Set(toTerms(weakText)),
    phrases: [entry.title, ...entry.symptoms].map((phrase) => new Set(toTerms(phrase))),
  };
}

function computeIdf(docs: EntryTerms[]): Map<string, number> {
  const documentFrequency = new Map<string, number>();
  for (const doc of docs) {
    for (const term of new Set([...doc.strong, ...doc.weak])) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }
  const idf = new Map<string, number>();
  for (const [term, df] of documentFrequency) idf.set(term, Math.log(1 + docs.length / df));
  return idf;
}

interface WeighedTerm {
  /** The vocabulary term, or null when the word is unknown to the knowledge. */
  term: string | null;
  weight: number;
}

function weighTerms(
  terms: Set<string>,
  idf: Map<string, number>,
  correct: (term: string) => string | null,
): WeighedTerm[] {
  return [...terms].map((term) => {
    const exact = idf.get(term);
    if (exact !== undefined) return { term, weight: exact };
    const corrected = correct(term);
    const correctedIdf = corrected ? idf.get(corrected) : undefined;
    if (corrected && correctedIdf !== undefined) {
      return { term: corrected, weight: correctedIdf * CORRECTED_FACTOR };
    }
    return { term: null, weight: UNKNOWN_WEIGHT };
  });
}

function bestPhraseOverlap(doc: EntryTerms, known: Set<string>): number {
  let best = 0;
  for (const phrase of doc.phrases) {
    if (phrase.size === 0) continue;
    let shared = 0;
    for (const term of phrase) if (known.has(term)) shared++;
    best = Math.max(best, shared / phrase.size);
  }
  return best;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
