/**
 * The codes of a message, failure first: every mention is weighed by the
 * line it sits on (see read-log-line.ts), a code named many times counts
 * once at its strongest line, and values that are not errors (flags, states,
 * ids, sizes) are dropped. Success codes are kept apart and only returned
 * when the message names no failure at all.
 */
import type { Code } from '../knowledge/schema.js';
import type { ExtendCodes } from '../knowledge/types.js';
import { extractAllCodes, type MentionForm, win32ToCode } from './extract-codes.js';
import {
  type Evidence,
  type Extend,
  isFlagValue,
  isResultContext,
  isValueNotError,
  lineAround,
  rankLine,
  readExtend,
  toEvidence,
} from './read-log-line.js';

export interface ReadCode {
  code: Code;
  form: MentionForm;
  success?: true;
  evidence?: Evidence;
  extend?: Extend;
}

export interface ReadCodesOptions {
  lookupName: (upperName: string) => Code | undefined;
  /** A success HRESULT the catalogue names (WU_S_REBOOT_REQUIRED). */
  isNamedSuccess: (code: Code) => boolean;
  extendCodes: ExtendCodes | undefined;
}

/** A 20,000-character log holds a few hundred codes at most; past this, stop looking. */
const MAX_OCCURRENCES = 2_000;

interface Candidate {
  code: Code;
  form: MentionForm;
  at: number;
  rank: number;
  line: string;
  /** The line holds more than the code itself (a log line or a sentence). */
  hasContext: boolean;
  success: boolean;
  extend?: Extend;
}

/** A code seen once more: repeats add no weight; only a stronger line replaces the quoted one. */
function remember(byCode: Map<Code, Candidate>, candidate: Candidate): void {
  const seen = byCode.get(candidate.code);
  if (!seen) {
    byCode.set(candidate.code, candidate);
    return;
  }
  if (candidate.rank > seen.rank) {
    seen.rank = candidate.rank;
    seen.line = candidate.line;
    seen.hasContext = candidate.hasContext;
  }
  if (!seen.extend && candidate.extend) seen.extend = candidate.extend;
}

const WIN32_RESULT_BEFORE =
  /\b(?:returned|return(?:ed)? code|exit(?:ed)?(?: with)?(?: code)?|error(?: code)?|failed with(?: error)?)\s*[:=]?\s*$/i;

/** The words right before the value say it is a result a program returned. */
function isWin32Result(line: string, offsetInLine: number): boolean {
  return WIN32_RESULT_BEFORE.test(line.slice(Math.max(0, offsetInLine - 32), offsetInLine));
}

/** `limit`: how many codes the caller keeps; only those get their line quoted. */
export function readCodesLikeAnEngineer(
  text: string,
  options: ReadCodesOptions,
  limit = Number.POSITIVE_INFINITY,
): ReadCode[] {
  const byCode = new Map<Code, Candidate>();
  for (const mention of extractAllCodes(text, options.lookupName).slice(0, MAX_OCCURRENCES)) {
    const { start, end } = lineAround(text, mention.at);
    const line = text.slice(start, end);
    const offset = mention.at - start;
    const value = Number.parseInt(mention.code.slice(2), 16);
    const alone = line.trim() === mention.raw.trim();
    if (mention.form !== 'name' && !alone) {
      if (isFlagValue(value) || isValueNotError(line, offset)) continue;
    }
    // "Process returned 0x00000643": a Win32 error number written as 8 hex
    // digits after a result word is HRESULT_FROM_WIN32 of it (0x80070643).
    if (mention.form === 'hex' && value > 0 && value <= 0xffff && isWin32Result(line, offset)) {
      const code = win32ToCode(String(value));
      if (code) {
        remember(byCode, {
          code,
          form: 'hex',
          at: mention.at,
          rank: rankLine(line, offset).rank,
          line,
          hasContext: !alone,
          success: false,
        });
        continue;
      }
    }
    let success = false;
    if (value < 0x80000000) {
      success =
        mention.form === 'name'
          ? options.isNamedSuccess(mention.code)
          : value === 0
            ? alone || isResultContext(line, offset)
            : value >= 0x10000 && options.isNamedSuccess(mention.code);
      if (!success) continue;
    }
    const extend =
      mention.form === 'name'
        ? undefined
        : readExtend(
            text.slice(mention.at + mention.raw.length, mention.at + mention.raw.length + 16),
            options.extendCodes,
          );
    remember(byCode, {
      code: mention.code,
      form: mention.form,
      at: mention.at,
      rank: rankLine(line, offset).rank,
      line,
      hasContext: !alone,
      success,
      ...(extend ? { extend } : {}),
    });
  }
  const candidates = [...byCode.values()];
  const failures = candidates.filter((c) => !c.success);
  const chosen = failures.length > 0 ? failures : candidates;
  return chosen
    .sort((a, b) => b.rank - a.rank || a.at - b.at)
    .slice(0, limit)
    .map((c) => ({
      code: c.code,
      form: c.form,
      ...(c.success ? { success: true as const } : {}),
      ...(c.hasContext ? { evidence: toEvidence(c.line, c.code) } : {}),
      ...(c.extend ? { extend: c.extend } : {}),
    }));
}
