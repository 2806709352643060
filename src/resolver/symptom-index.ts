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
import { createLru } from './create-lru.js';
import { toTerms } from './to-terms.js';
import { toQuotes, toSentences, toWindows } from './to-windows.js';

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
  /** `windows: false` scores the whole message only, not its sentences. */
  search(text: string, limit?: number, options?: { windows?: boolean }): SymptomHit[];
}

/** One entry's search tables (built from the entry; precomputable at build, see prepared-symptoms.ts). */
export interface EntryTerms {
  code: Code;
  /** Title, names, symptoms and log signatures: what the error looks like. */
  strong: Set<string>;
  /** Causes and meaning: why it happens; weaker evidence. */
  weak: Set<string>;
  /** Each symptom phrase, for rewarding a message that says one nearly whole. */
  phrases: Array<Set<string>>;
  /** Log fragments long enough to be telling, lower-cased with single spaces. */
  signatures: string[];
  /**
   * How many of the entry's lines (title, names, symptoms, log signatures) say
   * each word: a word most of its symptoms repeat is what the error is about.
   */
  lineCount: Map<string, number>;
}

/** Weight of a word the knowledge has never seen (about that of a fairly rare word). */
const UNKNOWN_WEIGHT = 2.5;
/**
 * A number the knowledge has never seen (a size, a date, a build) says little
 * about what went wrong: it dilutes a description much less than an unknown word.
 */
const UNKNOWN_NUMBER_WEIGHT = 0.5;
const NUMBER = /^\d+(?:\.\d+)*$/;
/** A typo-corrected word counts a little less than one spelled right. */
const CORRECTED_FACTOR = 0.8;
/** Below this much matched IDF, only generic words matched ("update failed"). */
const MIN_EVIDENCE = 2.2;
const MIN_SCORE = 0.4;
/**
 * Ranking among close candidates: an entry whose lines keep repeating the
 * words the message shares with it is about them ("NET 3.5" in six of one
 * entry's symptoms, in one of another's), as a term's frequency counts in
 * BM25. Saturating: n lines count n / (n + LINES_HALF).
 */
const LINES_HALF = 2;
/**
 * How much that centrality (0..1) moves the ranking. It orders candidates but
 * never changes a score, so what is answered at all (thresholds, confidence)
 * stays as the coverage decides.
 */
const CENTRALITY_RANK = 0.3;
/** Candidates far below the best are noise, not alternatives. */
const RELATIVE_CUTOFF = 0.55;
const CONFIDENT_SCORE = 0.8;
const CONFIDENT_MARGIN = 0.2;
/** Words rarer than this (in fewer than about a third of the entries) tell errors apart. */
const TELLING_IDF = 1.4;
/**
 * Distinct words a message must share with an entry: one rare word alone
 * ("I never had this before", "How can I fix that?") is a coincidence, not
 * a description of the error.
 */
const MIN_SHARED_TERMS = 2;
/**
 * At least one shared word must be this rare (in fewer than about a sixth of
 * the entries): "cannot install update on the server" is every error at once.
 */
const RARE_IDF = 1.8;
/**
 * Or two of its words said together in the symptoms of fewer than about one
 * entry in fifteen: "component store corrupted" names no word rarer than
 * RARE_IDF (each is in a fifth of the entries or more) but few entries' symptoms
 * say both "component" and "store"; "install" with "server" stays generic.
 */
const RARE_PAIR_IDF = 2.8;
/** Pairs of words whose joint rarity is remembered across messages. */
const PAIR_CACHE_SIZE = 20_000;
/**
 * A sentence (or two) of a long post counts a little less than the whole
 * message saying the same: one telling sentence still finds its error, but a
 * short message that says it all ranks first.
 */
const WINDOW_FACTOR = 0.92;
/**
 * A short window explains itself too easily: two shared words cover all of
 * "Rolling back". A window's score is scaled by how much rare evidence it
 * carries, up to this much matched IDF (about three fairly rare words).
 */
const WINDOW_FULL_EVIDENCE = 6;
/**
 * A window is judged on about one plain sentence's worth of words (their
 * weights summed): a long sentence that tells a story around the symptom
 * ("I noticed after some months that ... stuck at downloading 0%") is not
 * diluted by the story. The whole message keeps its full total.
 */
const WINDOW_MAX_WEIGHT = 20;
/**
 * A fragment of a longer post is judged as if it had at least this much
 * weight (about three or four fairly rare words): "Upgrade should work." or a
 * bare host name between two sentences explains itself whole with two shared
 * words, which says more about its shortness than about an error. A message
 * that is one short sentence is scored whole and keeps its full coverage.
 */
const WINDOW_MIN_WEIGHT = 10;
// A quoted message ('This PC can't run Windows 11') is exempt: it is what the
// screen said, chosen by the person, not a fragment of their story.
/**
 * When a sentence wins, the rest of the post still tells candidates apart:
 * "can't connect to the update server" fits a connection error best, but in a
 * post about DISM repairs the entry that also explains "DISM" and "restore" is
 * the better answer. Each candidate's rank gains this much times the share of
 * the whole message it explains (0..1), whether or not that share alone would
 * have matched. Like centrality, it orders candidates and never changes a score.
 */
const CONTEXT_RANK = 0.5;
/** Typo corrections remembered across messages (most recently used kept). */
const CORRECTION_CACHE_SIZE = 5_000;
/** Fuzzy candidates checked for being a real slip (a few edits) of the word typed. */
const FUZZY_CANDIDATES = 3;
/** Fuzzy look-ups per message: a long post of unknown words costs no more than this. */
const CORRECTIONS_PER_MESSAGE = 16;
/**
 * Past this length a message is a story or a paste: a slip in one of its
 * hundreds of words changes nothing, while each look-up costs about a
 * millisecond. Its fuzzy work is a quarter of a short message's.
 */
const LONG_MESSAGE_CHARS = 2_000;
const CORRECTIONS_PER_LONG_MESSAGE = 4;
/**
 * A log fragment quoted word for word ("Windows Update access disabled: Yes")
 * is stronger evidence than any word count: the message contains what the
 * error writes. Shorter fragments are too common to tell errors apart.
 */
const SIGNATURE_MIN_CHARS = 16;
const SIGNATURE_SCORE = 0.9;

/** `prepared`: the entries' tables made at build time (prepared-symptoms.ts), instead of making them here. */
export function createSymptomIndex(
  entries: Iterable<KnowledgeEntry>,
  prepared?: readonly EntryTerms[],
): SymptomIndex {
  const docs = prepared ? [...prepared] : [...entries].map(toEntryTerms);
  const idf = computeIdf(docs);
  const vocabulary = new Fuse(
    [...idf.keys()].filter((term) => term.length >= 4),
    {
      includeScore: true,
      threshold: 0.25,
      ignoreLocation: true,
    },
  );
  const corrections = createLru<string, string | null>(CORRECTION_CACHE_SIZE);
  const pairs = createLru<string, number>(PAIR_CACHE_SIZE);

  /**
   * How rare two words are together: "component", "store" and "corrupt" are
   * each in a fifth or more of the entries, but far fewer say both
   * "component" and "store" in their symptoms (title, names, symptoms, log
   * lines). Counted over the entries on first use, then remembered.
   */
  function together(a: string, b: string): number {
    if (a === '' || b === '') return 0;
    const key = a < b ? `${a} ${b}` : `${b} ${a}`;
    const cached = pairs.get(key);
    if (cached !== undefined) return cached;
    let both = 0;
    for (const doc of docs) if (doc.strong.has(a) && doc.strong.has(b)) both++;
    const value = both === 0 ? 0 : Math.log(1 + docs.length / both);
    pairs.set(key, value);
    return value;
  }

  /** The vocabulary word a typo stands for; `budget` bounds the fuzzy work per message. */
  function correct(term: string, budget: { left: number }): string | null {
    if (term.length < 4 || /\d/.test(term)) return null;
    // The budget counts words, not look-ups: a word remembered from an earlier
    // message costs the same, so what a message finds never depends on what
    // other messages came before it. The cache only saves the time.
    if (budget.left <= 0) return null;
    budget.left--;
    const cached = corrections.get(term);
    if (cached !== undefined) return cached;
    const corrected =
      vocabulary
        .search(term, { limit: FUZZY_CANDIDATES })
        .find((candidate) => isTypoOf(term, candidate.item))?.item ?? null;
    corrections.set(term, corrected);
    return corrected;
  }

  function search(text: string, limit = 3, options: { windows?: boolean } = {}): SymptomHit[] {
    const budget = {
      left:
        text.length > LONG_MESSAGE_CHARS ? CORRECTIONS_PER_LONG_MESSAGE : CORRECTIONS_PER_MESSAGE,
    };
    const weights = new Map<string, WeighedTerm>();
    const weigh = (terms: string[]) =>
      [...new Set(terms)].map((term) => {
        let weighed = weights.get(term);
        if (!weighed) {
          weighed = weighTerm(term, idf, (t) => correct(t, budget));
          weights.set(term, weighed);
        }
        return weighed;
      });
    const best = new Map<Code, ScoredDoc>();
    // Each sentence is turned into terms once; a pair of sentences joins their terms.
    const sentenceTexts = options.windows === false ? [] : toSentences(text);
    const sentences = sentenceTexts.map(toTerms);
    const quotes = options.windows === false ? [] : toQuotes(text, sentenceTexts).map(toTerms);
    const windows = toWindows(sentences, (a, b) => [...a, ...b]);
    // Whole message, then sentence windows, then quoted messages (no minimum weight).
    const passes = [toTerms(text), ...windows, ...quotes];
    const firstQuote = 1 + windows.length;
    const context = new Map<Code, number>();
    passes.forEach((terms, index) => {
      const factor = index === 0 ? 1 : WINDOW_FACTOR;
      const whole = index === 0 ? context : undefined;
      const least = index >= firstQuote ? 0 : WINDOW_MIN_WEIGHT;
      for (const scored of scoreDocs(docs, weigh(terms), idf, together, factor, least, whole)) {
        const seen = best.get(scored.code);
        if (!seen || scored.rank > seen.rank) best.set(scored.code, scored);
      }
    });
    const quoted = toSignatureText(text);
    for (const doc of docs) {
      if (!doc.signatures.some((signature) => quoted.includes(signature))) continue;
      const seen = best.get(doc.code);
      if (!seen || seen.rank < SIGNATURE_SCORE) {
        best.set(doc.code, {
          code: doc.code,
          score: SIGNATURE_SCORE,
          confident: false,
          telling: 2,
          rank: SIGNATURE_SCORE,
        });
      }
    }
    const hits = [...best.values()];
    for (const hit of hits) hit.rank += CONTEXT_RANK * (context.get(hit.code) ?? 0);
    hits.sort((a, b) => b.rank - a.rank || a.code.localeCompare(b.code));
    const [first, second] = hits;
    const top = first?.score ?? 0;
    return hits
      .filter((hit) => hit.score >= top * RELATIVE_CUTOFF)
      .slice(0, limit)
      .map(({ telling, rank, ...hit }) => ({
        ...hit,
        confident:
          hit.code === first?.code &&
          hit.score >= CONFIDENT_SCORE &&
          telling >= 2 &&
          (!second || hit.score - second.score >= CONFIDENT_MARGIN),
      }));
  }

  return { search };
}

/**
 * A slip of the keyboard is an edit or two, as in a search engine's automatic
 * fuzziness: one for a word of up to five letters, two for longer ones. Fuzzy
 * search alone also pairs a word with a longer one that starts the same
 * ("direct" with "directori", "idea" with "ident"): a different word, not a typo.
 */
export function isTypoOf(term: string, candidate: string): boolean {
  const allowed = term.length <= 5 ? 1 : 2;
  if (Math.abs(term.length - candidate.length) > allowed) return false;
  return editDistance(term, candidate, allowed) <= allowed;
}

/** Levenshtein distance, stopping early once it exceeds `most`. */
function editDistance(a: string, b: string, most: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      rowBest = Math.min(rowBest, value);
    }
    if (rowBest > most) return most + 1;
    previous = current;
  }
  return previous[b.length] ?? most + 1;
}

export function toEntryTerms(entry: KnowledgeEntry): EntryTerms {
  const names = [entry.name ?? '', ...entry.aliases].join(' ');
  const strongText = [entry.title, names, ...entry.symptoms, ...entry.logSignatures].join(' \n ');
  const weakText = [entry.meaning, ...entry.causes].join(' \n ');
  const lineCount = new Map<string, number>();
  for (const line of [entry.title, names, ...entry.symptoms, ...entry.logSignatures]) {
    for (const term of new Set(toTerms(line))) lineCount.set(term, (lineCount.get(term) ?? 0) + 1);
  }
  const strong = new Set(toTerms(strongText));
  const weak = new Set(toTerms(weakText));
  return {
    code: entry.code,
    lineCount,
    strong,
    weak,
    phrases: [entry.title, ...entry.symptoms].map((phrase) => new Set(toTerms(phrase))),
    signatures: entry.logSignatures
      .map(toSignatureText)
      .filter((signature) => signature.length >= SIGNATURE_MIN_CHARS && signature.includes(' ')),
  };
}

function toSignatureText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
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

function weighTerm(
  term: string,
  idf: Map<string, number>,
  correct: (term: string) => string | null,
): WeighedTerm {
  const exact = idf.get(term);
  if (exact !== undefined) return { term, weight: exact };
  const corrected = correct(term);
  const correctedIdf = corrected ? idf.get(corrected) : undefined;
  if (corrected && correctedIdf !== undefined) {
    return { term: corrected, weight: correctedIdf * CORRECTED_FACTOR };
  }
  return { term: null, weight: NUMBER.test(term) ? UNKNOWN_NUMBER_WEIGHT : UNKNOWN_WEIGHT };
}

interface WeighedKnown {
  term: string;
  weight: number;
}

interface ScoredDoc {
  code: Code;
  score: number;
  confident: false;
  /** Telling words (rare, in the entry's symptoms) the message shares with it. */
  telling: number;
  /** What orders the candidates: the score, and how central the shared words are to the entry. */
  rank: number;
}

/** IDF-weighted share of the query an entry explains, plus the best symptom phrase it says. */
function scoreDocs(
  docs: EntryTerms[],
  query: WeighedTerm[],
  idf: Map<string, number>,
  /** IDF of two terms said together: how few entries say both. */
  together: (a: string, b: string) => number,
  factor: number,
  /** A window is judged as if it weighed at least this much (not the whole message). */
  least: number,
  /** Filled, on the whole-message pass, with each entry's share of the message. */
  context?: Map<Code, number>,
): ScoredDoc[] {
  const whole = query.reduce((sum, term) => sum + term.weight, 0);
  const total = factor < 1 ? Math.max(least, Math.min(whole, WINDOW_MAX_WEIGHT)) : whole;
  if (total === 0) return [];
  const known: WeighedKnown[] = [];
  for (const term of query) if (term.term) known.push({ term: term.term, weight: term.weight });
  if (known.length === 0) return [];
  const knownSet = new Set(known.map((k) => k.term));
  // Two typos can stand for one vocabulary word: count each word once in
  // `shared` without a Set per entry and pass (this loop runs for every
  // entry, for the message and each of its windows).
  const firstOfTerm = known.map((k, index) => known.findIndex((o) => o.term === k.term) === index);
  const scored: ScoredDoc[] = [];
  for (const doc of docs) {
    let matched = 0;
    let evidence = 0;
    let telling = 0;
    let shared = 0;
    let rarest = 0;
    let strongRarest = 0;
    let nextStrongRarest = 0;
    let strongTerm = '';
    let nextStrongTerm = '';
    let central = 0;
    for (let index = 0; index < known.length; index++) {
      const { term, weight } = known[index] as WeighedKnown;
      const strength = doc.strong.has(term) ? 1 : doc.weak.has(term) ? 0.5 : 0;
      if (strength === 0) continue;
      if (firstOfTerm[index]) shared++;
      const lines = doc.lineCount.get(term) ?? 0;
      central += weight * (lines / (lines + LINES_HALF));
      matched += weight * strength;
      const termIdf = idf.get(term) ?? 0;
      evidence += termIdf * strength;
      rarest = Math.max(rarest, termIdf);
      // The two rarest words the entry's own symptoms say, for rarity together.
      if (strength === 1 && termIdf > strongRarest) {
        nextStrongRarest = strongRarest;
        nextStrongTerm = strongTerm;
        strongRarest = termIdf;
        strongTerm = term;
      } else if (strength === 1 && termIdf > nextStrongRarest) {
        nextStrongRarest = termIdf;
        nextStrongTerm = term;
      }
      if (strength === 1 && termIdf >= TELLING_IDF) telling++;
    }
    if (context) context.set(doc.code, Math.min(1, matched / total));
    if (evidence < MIN_EVIDENCE || shared < MIN_SHARED_TERMS) continue;
    const weight = factor < 1 ? Math.min(1, evidence / WINDOW_FULL_EVIDENCE) : 1;
    const coverage = 0.75 * Math.min(1, matched / total);
    // Even a symptom phrase said whole could not lift it to MIN_SCORE: skip the costlier checks.
    if (factor * weight * (coverage + 0.25) < MIN_SCORE) continue;
    if (rarest < RARE_IDF && together(strongTerm, nextStrongTerm) < RARE_PAIR_IDF) continue;
    const centrality = matched > 0 ? central / matched : 0;
    const score = factor * weight * (coverage + 0.25 * bestPhraseOverlap(doc, knownSet));
    if (score >= MIN_SCORE)
      scored.push({
        code: doc.code,
        score: round(score),
        confident: false,
        telling,
        rank: score + CENTRALITY_RANK * centrality * factor * weight,
      });
  }
  return scored;
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
