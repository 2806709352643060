/**
 * Resolution -> the JSON object of the CLI contract (design.md):
 * { query, matches: [{ code, name, source, score }] }, best match first.
 * A few extra fields help scripts without breaking the contract.
 */
import {
  type AnswerSource,
  type Evidence,
  type Extend,
  type Resolution,
  toAnswerSource,
} from '../resolver/create-resolver.js';

export interface JsonMatch {
  code: string;
  name: string | null;
  /** `success` for S_OK, WU_S_* and other success codes: not a failure. */
  source: AnswerSource;
  score: number;
  title: string;
  via: string;
  family: string | null;
  /** Codes read from a log: the decisive line, its level and what it mentions. */
  evidence?: Evidence;
  /** Windows Setup extend code after the result code, by phase and operation. */
  extend?: Extend;
}

export interface JsonResolution {
  query: string;
  matches: JsonMatch[];
  truncated?: true;
  /** Codes named in the text that look like another program's own (matches stays empty). */
  otherProgram?: string[];
}

export function toJson(resolution: Resolution): JsonResolution {
  return {
    query: resolution.query,
    matches: resolution.matches.map((match) => ({
      code: match.code,
      name: match.name,
      source: toAnswerSource(match),
      score: match.score,
      title: match.title,
      via: match.via,
      family: match.family?.id ?? null,
      ...(match.evidence ? { evidence: match.evidence } : {}),
      ...(match.extend ? { extend: match.extend } : {}),
    })),
    ...(resolution.truncated ? { truncated: true as const } : {}),
    ...(resolution.otherProgram ? { otherProgram: resolution.otherProgram } : {}),
  };
}
