/**
 * The words for what the resolver read in a person's message or log: the
 * decisive line's lead ("CBS.log: Package KB5034441 failed with
 * 0x80070643"), a Windows Setup extend code as phase and operation, and what
 * a success code means. Kept apart from `words.ts` so the evidence can grow
 * without touching every other reply's wording.
 */
import type { ErrorSummary } from '../core/contract.js';
import type { Evidence, Extend } from '../resolver/create-resolver.js';

const MAX_SUBJECT = 80;

const clip = (value: string) =>
  value.length > MAX_SUBJECT ? `${value.slice(0, MAX_SUBJECT - 1)}…` : value;

/**
 * What the line is about, most specific first: the update, the package, the
 * driver, the file. `names` is what the lead says in full, so the facts skip it.
 */
function subjectOf(evidence: Evidence): { text: string; names: MentionKey } | null {
  const { kb, package: pkg, driver, file } = evidence.mentions;
  // "Package KB5034441": the package's full name then goes under the lead.
  if (pkg && kb) return { text: `Package ${kb}`, names: 'kb' };
  if (pkg) return { text: `Package ${clip(pkg)}`, names: 'package' };
  if (kb) return { text: kb, names: 'kb' };
  if (driver) return { text: `Driver ${clip(driver)}`, names: 'driver' };
  if (file) return { text: `File ${clip(file)}`, names: 'file' };
  return null;
}

type MentionKey = keyof Evidence['mentions'];

/**
 * Whether the line is worth quoting: it comes from a log (a level column or
 * a known log format) or names what failed. A bare code typed in chat is not.
 */
export function showsEvidence(evidence: Evidence | undefined): evidence is Evidence {
  if (!evidence) return false;
  return (
    evidence.level !== 'none' ||
    evidence.log !== undefined ||
    Object.keys(evidence.mentions).length > 0
  );
}

/** "CBS.log: Package KB5034441 failed with 0x80070643". */
export function evidenceLead(error: Pick<ErrorSummary, 'code' | 'source'>, evidence: Evidence) {
  const subject = subjectOf(evidence);
  const failed = evidence.level === 'error' || evidence.level === 'none';
  const what =
    error.source === 'success'
      ? `${subject ? `${subject.text}: ` : ''}${error.code}, which means success`
      : subject
        ? `${subject.text} ${failed ? 'failed with' : 'reported'} ${error.code}`
        : `the line that reports ${error.code}`;
  const sentence = evidence.log ? `${evidence.log}: ${what}` : what;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

const MENTION_LABELS: Record<MentionKey, string> = {
  kb: 'Update',
  package: 'Package',
  driver: 'Driver',
  file: 'File',
};

/** What else the line mentions, beside what the lead already names. */
export function evidenceFacts(evidence: Evidence): Array<[string, string]> {
  const named = subjectOf(evidence)?.names;
  return (['kb', 'package', 'driver', 'file'] as const).flatMap((key): Array<[string, string]> => {
    const value = evidence.mentions[key];
    return value && key !== named ? [[MENTION_LABELS[key], value]] : [];
  });
}

/** "0xC1900101 - 0x4000D: Windows Setup stopped in phase 4 (...), at operation 0x0D (...)." */
export function extendLines(code: string, extend: Extend): string[] {
  const phase = extend.phase.name
    ? `phase ${extend.phase.digit} (${extend.phase.name})`
    : `phase ${extend.phase.digit}, which is not a documented phase`;
  const operation = extend.operation.name
    ? `operation 0x${extend.operation.hex.padStart(2, '0')} (${extend.operation.name})`
    : `operation 0x${extend.operation.hex.padStart(2, '0')}, which is not a documented operation`;
  const lines = [`${code} - ${extend.code}: Windows Setup stopped in ${phase}, at ${operation}.`];
  if (extend.phase.summary) lines.push(extend.phase.summary);
  if (extend.operation.summary) lines.push(`The operation: ${extend.operation.summary}`);
  return lines;
}

export function extendAdvice(extend: Extend): string | null {
  return extend.phase.advice ? `What that means for the fix: ${extend.phase.advice}` : null;
}

export const SUCCESS_TEXT =
  'This code means success, not an error: the real error is on another line.';

/** Where the failing line usually is, log by log. */
export const SUCCESS_WHERE_LINES = [
  'In CBS.log and DISM.log, look for lines marked Error, or "Failed" with an HRESULT, near the time the update failed.',
  'In WindowsUpdate.log (made readable with Get-WindowsUpdateLog in PowerShell), look for FAILED and the code after it.',
  'For an upgrade, look for Error lines in setupact.log and setuperr.log ($Windows.~BT\\Sources\\Panther).',
  'Paste that line, or the whole log, and I will read it.',
];
