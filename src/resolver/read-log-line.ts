/**
 * Reads the line around a code the way an engineer reads a log: how strongly
 * it says "this failed" (the log's level column, FAILED, "failed with",
 * HRESULT =, a final result), whether the hex value is an error at all (a
 * flag, a state, a size or an id is not), what the line mentions (KB,
 * package, file, driver) and, for Windows Setup, the extend code after it.
 * Pure string work on one line; knowledge is passed in.
 */
import type { ExtendCodes } from '../knowledge/types.js';
import { TOOL_ERROR_WORD } from './extract-codes.js';

export type LogLevel = 'error' | 'warning' | 'info' | 'none';

export interface LineMentions {
  kb?: string;
  package?: string;
  file?: string;
  driver?: string;
}

export interface Evidence {
  /** The decisive line, whitespace runs folded, cut to a readable length. */
  line: string;
  /** The log's own level column, `none` when the line has none (a chat message). */
  level: LogLevel;
  /** Which log the line looks like it comes from, when its format says so. */
  log?: 'CBS.log' | 'DISM.log' | 'WindowsUpdate.log' | 'setupact.log';
  mentions: LineMentions;
}

export interface Extend {
  /** As written after the result code: `0x4000D`. */
  code: string;
  phase: { digit: number; name: string | null; summary?: string; advice?: string };
  operation: { hex: string; name: string | null; summary?: string };
}

/** How far a "line" reaches either side of a code when the paste has no line breaks. */
const LINE_REACH = { before: 300, after: 200 };

/**
 * The line that holds offset `at`: start and end offsets, clipped to a
 * window around the code so a 20,000-character paste without line breaks
 * costs no more per code than a log line does.
 */
export function lineAround(text: string, at: number): { start: number; end: number } {
  const from = Math.max(0, at - LINE_REACH.before);
  const to = Math.min(text.length, at + LINE_REACH.after);
  const before = text.slice(from, at).lastIndexOf('\n');
  const after = text.slice(at, to).indexOf('\n');
  return {
    start: before === -1 ? from : from + before + 1,
    end: after === -1 ? to : at + after,
  };
}

// "2024-01-10 10:11:12, Error   CBS ..." (CBS, DISM, setupact) and similar.
const LEVEL_COLUMN =
  /^\s*\[?\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[ T]\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\]?,?\s+(Info(?:rmation)?|Warning|Warn|Error|Fatal|Critical|Perf|Verbose|Trace|Debug)\b\s*(\S+)?/i;
const LEVELS: Record<string, LogLevel> = {
  info: 'info',
  information: 'info',
  perf: 'info',
  verbose: 'info',
  trace: 'info',
  debug: 'info',
  warning: 'warning',
  warn: 'warning',
  error: 'error',
  fatal: 'error',
  critical: 'error',
};
const INLINE_LEVEL = /\b(WARNING|Warning|WARN|INFO|Info):/;
const LEVEL_RANK: Record<LogLevel, number> = { error: 3, none: 2, warning: 1, info: 0 };

// Words that say the line reports the failure itself, not a passing remark.
const STRONG_MARKERS = [
  /\bFAILED\b/, // WindowsUpdate.log's *FAILED*, setupact's "Operation FAILED"
  /\bfatal\b/i,
  /\bfailed with\b/i,
  /\boriginal failure status\b/i,
  /\b(?:final|overall) result\b/i,
  /\bexit code\b/i,
  /\binstallation failure\b/i,
  /\bresult\s*[=:]/i,
];
const WEAK_MARKERS = [/\bfail(?:ed|ure|s|ing)?\b/i, /\b(?:hresult|hr)\s*[=:]/i, /\berror\b/i];

// A tool's own last word, on a line of its own: DISM's "Error: 0x800f081f"
// (in any language it prints) after its progress bar. It outranks every log
// line quoted after it, however loud: those are the steps, this is the result.
const FINAL_RESULT = new RegExp(
  `^\\s*${TOOL_ERROR_WORD}\\s*[:：]\\s*(?:0x[0-9a-f]{8}|\\d{1,5})\\s*$`,
  'iu',
);
const FINAL_RANK = 40;
// A line that reports something finished ("LoadHistoryEventFromRegistry
// completed, hr = 8024000C") carries a status, not a failure.
const COMPLETED = /\b(?:completed|succeeded|successfully|success)\b/i;
const FAILURE_WORD = /\b(?:fail\w*|error|fatal|abort\w*|denied|cannot|can't|unable)\b/i;

/**
 * How strongly the line reports a failure: the level column first (Error >
 * a line without one > Warning > Info), then the failure words in it. A line
 * without a level column (a chat message naming several codes) is judged by
 * the words just before the code at `offset`, when given.
 */
export function rankLine(
  line: string,
  offset?: number,
): { level: LogLevel; rank: number; component?: string } {
  if (FINAL_RESULT.test(line)) return { level: 'error', rank: FINAL_RANK };
  const column = LEVEL_COLUMN.exec(line);
  const words =
    column || offset === undefined ? line : line.slice(Math.max(0, offset - 60), offset + 12);
  // Without a level column, a "WARNING:" or "Info:" label near the code says the same
  // (the older WindowsUpdate.log writes "WARNING: Failed to ...").
  const label = column ? undefined : INLINE_LEVEL.exec(words)?.[1];
  const level: LogLevel = column?.[1]
    ? (LEVELS[column[1].toLowerCase()] ?? 'none')
    : label
      ? (LEVELS[label.toLowerCase()] ?? 'none')
      : COMPLETED.test(line) && !FAILURE_WORD.test(line)
        ? 'info'
        : 'none';
  let markers = 0;
  for (const marker of STRONG_MARKERS) if (marker.test(words)) markers += 2;
  for (const marker of WEAK_MARKERS) if (marker.test(words)) markers += 1;
  return {
    level,
    rank: LEVEL_RANK[level] * 10 + Math.min(markers, 9),
    ...(column?.[2] ? { component: column[2] } : {}),
  };
}

// The name right before a hex value says what kind of value it is:
// "sleep block state: 0x80000000", "Flags = 0x80000000", "Session: 3108..._4265380821".
const VALUE_KEY =
  /\b(?:flags?|state|states|mask|session(?:\s*id)?|size|bytes|offset|address|handle|pid|tid|process\s*id|thread\s*id|id|version|build|attributes?|options?|type|count|length|capacity|timestamp|time|priority|protection|access|reason|context|cookie|checksum|crc|hash|serial(?:\s*number)?|lcid|langid)\s*[:=]?\s*\(?$/i;

/** True when the hex or decimal value at `at` is a flag, state, size or id, not an error. */
export function isValueNotError(line: string, offsetInLine: number): boolean {
  const before = line.slice(Math.max(0, offsetInLine - 40), offsetInLine);
  return VALUE_KEY.test(before);
}

/** Bit masks (0x80000000, 0xC0000000) and -1 are flags or sentinels, never an HRESULT. */
export function isFlagValue(value: number): boolean {
  return value >= 0x80000000 && ((value & 0x0fffffff) === 0 || value === 0xffffffff);
}

const RESULT_CONTEXT = /\b(?:hr|hresult|result|error|status|code|exit|returned?|return value)\b/i;

/** 0x00000000 counts as S_OK only where the line reports a result. */
export function isResultContext(line: string, offsetInLine: number): boolean {
  return RESULT_CONTEXT.test(line.slice(Math.max(0, offsetInLine - 40), offsetInLine));
}

const KB = /(?<![A-Za-z0-9])KB\s?(\d{6,8})\b/i;
const PACKAGE =
  /(?<![\w.-])(?:Package_(?:for_)?[\w.~-]+|[\w.-]+~31bf3856ad364e35~[\w]*~[\w-]*~[\d.]+)/i;
const DRIVER = /(?<![\w-])(?:oem\d+\.inf|[\w-]+\.sys)\b/i;
const FILE =
  /(?:[A-Za-z]:\\[^\s"'[\]<>|,;]+|(?<![\w.-])[\w.-]+\.(?:dll|exe|cab|msu|mum|cat|manifest|esd|wim|msi|inf))\b/i;

export function readMentions(line: string): LineMentions {
  const mentions: LineMentions = {};
  const kb = KB.exec(line)?.[1];
  if (kb) mentions.kb = `KB${kb}`;
  const pkg = PACKAGE.exec(line)?.[0];
  if (pkg) mentions.package = pkg;
  const driver = DRIVER.exec(line)?.[0];
  if (driver) mentions.driver = driver;
  const file = FILE.exec(line)?.[0];
  if (file && file !== driver && !pkg?.includes(file)) mentions.file = file;
  return mentions;
}

const MAX_LINE = 240;

/** The line as it should be quoted: whitespace runs folded, cut around the code. */
export function toQuotedLine(line: string, code: string): string {
  const folded = line.replace(/\s+/g, ' ').trim();
  if (folded.length <= MAX_LINE) return folded;
  const at = Math.max(0, folded.toLowerCase().indexOf(code.slice(2).toLowerCase()));
  const start = Math.max(0, Math.min(at - MAX_LINE / 2, folded.length - MAX_LINE));
  const cut = folded.slice(start, start + MAX_LINE);
  return `${start > 0 ? '…' : ''}${cut}${start + MAX_LINE < folded.length ? '…' : ''}`;
}

const LOG_BY_COMPONENT: Record<string, Evidence['log']> = {
  cbs: 'CBS.log',
  csi: 'CBS.log',
  dism: 'DISM.log',
  sp: 'setupact.log',
  moupg: 'setupact.log',
  conx: 'setupact.log',
  panthr: 'setupact.log',
};
// Decoded WindowsUpdate.log: "2024/01/10 10:11:12.1234567 1234  5678  Agent  ..."
const WU_LOG =
  /^\s*\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}\.\d+\s+\d+\s+\d+\s+(?:Agent|Handler|DownloadManager|ComApi|Setup|Misc|SLS|IdleTmr|ProtocolTalker|Shared|Deployment|Report|EP|Service)\b/;

export function toEvidence(line: string, code: string): Evidence {
  const { level, component } = rankLine(line);
  const log = component ? LOG_BY_COMPONENT[component.toLowerCase()] : undefined;
  return {
    line: toQuotedLine(line, code),
    level,
    ...(log ? { log } : WU_LOG.test(line) ? { log: 'WindowsUpdate.log' as const } : {}),
    mentions: readMentions(line),
  };
}

// "0xC1900101 - 0x4000D", "0xC1900101-0x20017", "8007042B - 0x4000D" (dashes normalised).
const EXTEND_AFTER = /^\s*-\s*(?:0[xX]([0-9A-Fa-f]{1,5})|([0-9A-Fa-f]{5}))(?![0-9A-Za-z])/;

/** The extend code written right after a result code, decoded by phase and operation. */
export function readExtend(after: string, codes: ExtendCodes | undefined): Extend | undefined {
  const match = EXTEND_AFTER.exec(after);
  const digits = match?.[1] ?? match?.[2];
  if (!digits) return undefined;
  const value = Number.parseInt(digits, 16);
  const digit = value >> 16;
  const operationValue = value & 0xffff;
  const phase = codes?.phases.get(digit);
  const operation = codes?.operations.get(operationValue);
  return {
    code: `0x${digits.toUpperCase()}`,
    phase: {
      digit,
      name: phase?.name ?? null,
      ...(phase?.summary ? { summary: phase.summary } : {}),
      ...(phase?.advice ? { advice: phase.advice } : {}),
    },
    operation: {
      hex: operationValue.toString(16).toUpperCase(),
      name: operation?.name ?? null,
      ...(operation?.summary ? { summary: operation.summary } : {}),
    },
  };
}
