/**
 * Resolution -> the JSON object of the CLI contract (design.md):
 * { query, matches: [{ code, name, source, score }] }, best match first.
 * A few extra fields help scripts without breaking the contract.
 */
import type { Resolution } from '../resolver/create-resolver.js';

export interface JsonMatch {
  code: string;
  name: string | null;
  source: 'curated' | 'catalogue' | 'family' | 'unknown';
  score: number;
  title: string;
  via: string;
  family: string | null;
}

export interface JsonResolution {
  query: string;
  matches: JsonMatch[];
  truncated?: true;
}

export function toJson(resolution: Resolution): JsonResolution {
  return {
    query: resolution.query,
    matches: resolution.matches.map((match) => ({
      code: match.code,
      name: match.name,
      source: match.source,
      score: match.score,
      title: match.title,
      via: match.via,
      family: match.family?.id ?? null,
    })),
    ...(resolution.truncated ? { truncated: true as const } : {}),
  };
}
