/**
 * The resolver: text in, ranked matches out. Codes first (exact, never
 * "corrected" into a neighbour), then a symptom search when the message names
 * no code. Everything it needs is built once here; resolve() does no I/O.
 */
import { type Code, isSuccessCode } from '../knowledge/code.js';
import type { Knowledge, KnowledgeEntry, KnowledgeFamily } from '../knowledge/types.js';
import type { MentionForm } from './extract-codes.js';
import { isAnotherProgramsError } from './is-another-programs-error.js';
import { readTopic } from './is-on-topic.js';
import { normaliseText } from './normalise-text.js';
import { readCodesLikeAnEngineer } from './read-codes.js';
import type { Evidence, Extend } from './read-log-line.js';
import { readWin32Numbers } from './read-win32-numbers.js';
import { createSymptomIndex, type EntryTerms } from './symptom-index.js';

export type { Evidence, Extend, LineMentions, LogLevel } from './read-log-line.js';

export type MatchSource = 'curated' | 'catalogue' | 'family' | 'unknown';
/**
 * What the CLI's JSON calls the match: a success code (S_OK, WU_S_*) is
 * `success`, never one of the failure sources.
 */
export type AnswerSource = MatchSource | 'success';

export interface Match {
  code: Code;
  name: string | null;
  source: MatchSource;
  /** 1 for a code named in the message; 0..1 for a symptom match. */
  score: number;
  /** How the message named it. */
  via: MentionForm | 'symptom';
  title: string;
  /** Symptom matches only: sure enough to start a flow without asking. */
  confident?: boolean;
  entry?: KnowledgeEntry;
  family?: KnowledgeFamily;
  /**
   * Set for a success code (S_OK, WU_S_REBOOT_REQUIRED): it means success,
   * and the real error is elsewhere. Such a match is only returned when the
   * message names no failure, and `source` stays `catalogue`/`unknown` so
   * existing consumers keep working; use `toAnswerSource` for the JSON value.
   */
  success?: true;
  /** Codes from a pasted log: the decisive line and what it mentions. */
  evidence?: Evidence;
  /** Windows Setup result code with an extend code ("0xC1900101 - 0x4000D"). */
  extend?: Extend;
}

export function toAnswerSource(match: Pick<Match, 'source' | 'success'>): AnswerSource {
  return match.success ? 'success' : match.source;
}

export interface Resolution {
  query: string;
  matches: Match[];
  /** True when only the first MAX_QUERY_CHARS characters were read. */
  truncated: boolean;
  /**
   * Codes the message names that are another program's result codes ("the
   * PowerToys installer fails with 0x80070643"): not answered, but said why.
   */
  otherProgram?: Code[];
}

export interface Resolver {
  resolve(text: string): Resolution;
  /** Everything known about one code, as if the message had named it. */
  describe(code: Code): Match;
  /** Every code with a curated entry or a public name, for "did you mean ...?". */
  knownCodes(): readonly Code[];
}

/** Long log pastes are fine; a whole log file is read only this far. */
export const MAX_QUERY_CHARS = 20_000;
/** A pasted log can name dozens of codes; past this they are noise in chat. */
export const MAX_CODES = 10;
/**
 * A message that names neither Windows nor its update service ("install
 * failed, not enough space") may be any program's installer: only a strong
 * symptom match answers it.
 */
const LOOSE_MIN_SCORE = 0.6;
/** A loose message's single sentence must explain itself almost whole to match on its own. */
const LOOSE_WINDOW_MIN_SCORE = 0.85;
/** A description is answered with at most this many errors to choose from. */
const MAX_SYMPTOM_MATCHES = 3;
/**
 * A code nobody knows (no entry, no name, no family: a tool's own status such
 * as the MOF compiler's 0x8004402F) in a message that plainly describes a
 * known failure: the described failure leads when it fits this well.
 */
const BESIDE_UNKNOWN_MIN_SCORE = 0.7;

/** `symptomTables`: the symptom index's tables made at build time for this knowledge (start-up). */
export function createResolver(
  knowledge: Knowledge,
  options: { symptomTables?: readonly EntryTerms[] } = {},
): Resolver {
  const symptoms = createSymptomIndex(knowledge.entries.values(), options.symptomTables);
  // Narrowest range first, so 0x80072EE2 meets the internet family before Win32.
  // Bounds are parsed once here, not on every lookup.
  const families = knowledge.families
    .map((family) => ({
      family,
      from: Number.parseInt(family.from, 16),
      to: Number.parseInt(family.to, 16),
    }))
    .sort((a, b) => a.to - a.from - (b.to - b.from));
  const lookupName = (name: string) => knowledge.names.get(name);

  function describe(code: Code, via: Match['via'] = 'hex', score = 1): Match {
    const family = findFamily(families, code);
    const entry = knowledge.entries.get(code);
    if (entry)
      return {
        code,
        name: entry.name,
        source: 'curated',
        score,
        via,
        title: entry.title,
        entry,
        ...withFamily(family),
      };
    const record = knowledge.catalogue.get(code);
    if (record) {
      return {
        code,
        name: record.name,
        source: 'catalogue',
        score,
        via,
        title: family?.title ?? record.name,
        ...withFamily(family),
      };
    }
    if (family)
      return { code, name: null, source: 'family', score, via, title: family.title, family };
    return { code, name: null, source: 'unknown', score, via, title: 'Unknown error code' };
  }

  function resolve(text: string): Resolution {
    const truncated = text.length > MAX_QUERY_CHARS;
    const normalised = normaliseText(truncated ? text.slice(0, MAX_QUERY_CHARS) : text);
    const found = readCodesLikeAnEngineer(
      normalised,
      {
        lookupName,
        isNamedSuccess: (code) => isSuccessCode(code) && knowledge.catalogue.has(code),
        extendCodes: knowledge.extendCodes,
      },
      MAX_CODES,
    );
    if (found.length > 0) {
      // "The PowerToys installer fails with 0x80070643": another program's result code.
      const codes = found.map((code) => code.code);
      if (isAnotherProgramsError(normalised, codes, (code) => findFamily(families, code)?.id))
        return { query: text, truncated, matches: [], otherProgram: codes };
      const named = found.map(
        (code): Match => ({
          ...describe(code.code, code.form),
          ...(code.success ? { success: true as const } : {}),
          ...(code.evidence ? { evidence: code.evidence } : {}),
          ...(code.extend ? { extend: code.extend } : {}),
        }),
      );
      const described = named.every((match) => match.source === 'unknown')
        ? describedBesideUnknown(normalised)
        : [];
      return { query: text, truncated, matches: [...described, ...named].slice(0, MAX_CODES) };
    }
    // A description is searched only when it is about Windows updates at all,
    // and sentence by sentence only when it clearly says so.
    const topic = readTopic(normalised);
    if (topic === 'off') return { query: text, truncated, matches: [] };
    // "System error 126", "fails with error 87": a Win32 number in prose. A
    // bare number is weak evidence, so it counts only in a message clearly
    // about Windows updates and only for a code with a curated entry, ahead
    // of what the symptom search finds.
    const numbers = (topic === 'windows' ? readWin32Numbers(normalised) : [])
      .filter((number) => knowledge.entries.has(number.code))
      .slice(0, MAX_SYMPTOM_MATCHES)
      .map((number) => describe(number.code, number.form));
    let described = symptoms
      .search(normalised, MAX_SYMPTOM_MATCHES, { windows: topic === 'windows' })
      .filter((hit) => topic === 'windows' || hit.score >= LOOSE_MIN_SCORE);
    // A loose message that tells a story around one sentence ("...on a few of
    // them the update fails with access denied. We tried...") may still match
    // on that sentence, but only very closely: other programs quote Windows's
    // messages too ("not enough space on the disk").
    if (topic === 'loose' && described.length === 0) {
      described = symptoms
        .search(normalised, MAX_SYMPTOM_MATCHES, { windows: true })
        .filter((hit) => hit.score >= LOOSE_WINDOW_MIN_SCORE);
    }
    const hits = described.filter((hit) => !numbers.some((number) => number.code === hit.code));
    return {
      query: text,
      truncated,
      matches: [
        ...numbers,
        ...hits.map((hit) => ({
          ...describe(hit.code, 'symptom', hit.score),
          confident: hit.confident,
        })),
      ].slice(0, MAX_SYMPTOM_MATCHES),
    };
  }

  function describedBesideUnknown(normalised: string): Match[] {
    if (readTopic(normalised) !== 'windows') return [];
    return symptoms
      .search(normalised, MAX_SYMPTOM_MATCHES, { windows: true })
      .filter((hit) => hit.score >= BESIDE_UNKNOWN_MIN_SCORE)
      .map((hit) => ({ ...describe(hit.code, 'symptom', hit.score), confident: hit.confident }));
  }

  const known = [...new Set([...knowledge.entries.keys(), ...knowledge.catalogue.keys()])];
  return { resolve, describe: (code) => describe(code), knownCodes: () => known };
}

interface FamilyRange {
  family: KnowledgeFamily;
  from: number;
  to: number;
}

function findFamily(families: FamilyRange[], code: Code): KnowledgeFamily | undefined {
  const value = Number.parseInt(code, 16);
  return families.find((range) => value >= range.from && value <= range.to)?.family;
}

function withFamily(family: KnowledgeFamily | undefined): { family?: KnowledgeFamily } {
  return family ? { family } : {};
}
