/**
 * Finds every error code a message names, in order of appearance: hex
 * HRESULTs with or without 0x, signed and unsigned decimal HRESULTs, and
 * symbolic names. Pure string work; knowledge is consulted only through the
 * `lookupName` callback so this module stays independent of the data.
 */
import type { Code } from '../knowledge/schema.js';

export type MentionForm = 'hex' | 'decimal' | 'name';

export interface CodeMention {
  code: Code;
  form: MentionForm;
  /** Offset of the mention in the normalised text, for ordering. */
  at: number;
  /** The text as written, for echoing back. */
  raw: string;
}

/**
 * Letters that people type for digits inside a code-shaped token
 * (0x8O24OO1E, 0x8024OO1E, 0x80244O22, 0x8024l01B).
 */
const LOOKALIKES: Record<string, string> = { o: '0', O: '0', l: '1', I: '1', i: '1' };

// A hex digit or a look-alike letter, optionally followed by one space:
// "0x8024 001E" and "0x 8024001E" are common slips when copying from a screen.
const HEXISH = '[0-9A-Fa-fOolIi]';
const PREFIXED_HEX = new RegExp(
  `(?<![0-9A-Za-z])0\\s?[xX]\\s?((?:${HEXISH}\\s?){7}${HEXISH})(?![0-9A-Za-z])`,
  'g',
);
// Without 0x only failure HRESULTs (they start with 8) standing alone, and
// never a piece of a GUID ({85604fae-a5c5-...}) or a longer hex run.
const BARE_HEX = new RegExp(
  `(?<![0-9A-Za-z_{\\-])(8${HEXISH}{3}\\s?${HEXISH}{4})(?![0-9A-Za-z_}\\-])`,
  'g',
);
// Ten digits, optionally negative: WindowsUpdate.log and USO logs print
// HRESULTs as signed 32-bit integers ("[hr] : -2145124322"). Never a piece of
// a longer token such as a CBS session id ("Session: 31082497_4265380821").
const DECIMAL = /(?<![0-9A-Za-z._])(-?\d{10})(?![0-9._A-Za-z])/g;
// Win32 error numbers where the tool says so: DISM's own "Error: 87" line (in
// the languages DISM prints it in), HRESULT_FROM_WIN32(1726) as CBS and setup
// print it, and sc.exe's "[SC] OpenService FAILED 1060:" (whatever the
// language of its middle word).
export const TOOL_ERROR_WORD =
  '(?:Error|Fehler|Erreur|Errore|Erro|Fout|Błąd|Hata|Chyba|Fel|Feil|Virhe|Hiba|Ошибка|Помилка|错误|錯誤|エラー|오류)';
const WIN32_NUMBER = new RegExp(
  `(?:^[ \\t]*${TOOL_ERROR_WORD}[ \\t]*[:：][ \\t]*(\\d{1,5})[ \\t]*$|HRESULT_FROM_WIN32\\((\\d{1,5})\\)|^[ \\t]*\\[SC\\][ \\t]+\\w+[ \\t]+\\S+[ \\t]+(\\d{1,5})[ \\t]*[:：])`,
  'gmu',
);
// WinINet and WinHTTP errors (12001-12175) written short, as their own tools
// and event logs print them: "12029 (0x2efd)", "error 0x2EE2".
const INTERNET_HEX =
  /(?<![0-9A-Za-z])0[xX](2[Ee][Ee][1-9A-Fa-f]|2[Ee][Ff][0-9A-Fa-f]|2[Ff][0-8][0-9A-Fa-f])(?![0-9A-Za-z])/g;
// WU_E_SERVICE_STOP, cbs_e_store_corruption, E_ACCESSDENIED, ERROR_SXS_ASSEMBLY_MISSING.
const NAME = /(?<![0-9A-Za-z_])([A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]*[A-Za-z0-9])(?![0-9A-Za-z_])/g;

export function extractCodes(
  text: string,
  lookupName: (upperName: string) => Code | undefined,
): CodeMention[] {
  return firstMentionOfEach(extractAllCodes(text, lookupName));
}

/** Every mention, repeats included, in order of appearance. */
export function extractAllCodes(
  text: string,
  lookupName: (upperName: string) => Code | undefined,
): CodeMention[] {
  const mentions: CodeMention[] = [];
  for (const match of text.matchAll(PREFIXED_HEX)) {
    const code = toHexCode(match[1] ?? '');
    if (code) mentions.push({ code, form: 'hex', at: match.index, raw: match[0] });
  }
  for (const match of text.matchAll(BARE_HEX)) {
    if (overlaps(mentions, match.index)) continue;
    const code = toHexCode(match[1] ?? '');
    if (code && hasRealDigits(match[1] ?? ''))
      mentions.push({ code, form: 'hex', at: match.index, raw: match[0] });
  }
  for (const match of text.matchAll(DECIMAL)) {
    const code = decimalToCode(match[1] ?? '');
    if (code) mentions.push({ code, form: 'decimal', at: match.index, raw: match[0] });
  }
  for (const match of text.matchAll(WIN32_NUMBER)) {
    const code = win32ToCode(match[1] ?? match[2] ?? match[3] ?? '');
    if (code) mentions.push({ code, form: 'decimal', at: match.index, raw: match[0] });
  }
  for (const match of text.matchAll(INTERNET_HEX)) {
    const code = win32ToCode(String(Number.parseInt(match[1] ?? '', 16)));
    if (code) mentions.push({ code, form: 'hex', at: match.index, raw: match[0] });
  }
  const numbers = mentions.length;
  for (const match of text.matchAll(NAME)) {
    const code = lookupName((match[1] ?? '').toUpperCase());
    if (!code) continue;
    const name = { code, form: 'name' as const, at: match.index, raw: match[0] };
    // "E_FAIL (0x80070002)": a name written beside a number is that number's label,
    // and the number says which error it was.
    if (mentions.slice(0, numbers).some((m) => besides(text, name, m))) continue;
    mentions.push(name);
  }
  return mentions.sort((a, b) => a.at - b.at);
}

function toHexCode(digits: string): Code | undefined {
  const cleaned = digits.replace(/\s/g, '').replace(/[OolIi]/g, (c) => LOOKALIKES[c] ?? c);
  return /^[0-9A-Fa-f]{8}$/.test(cleaned) ? `0x${cleaned.toUpperCase()}` : undefined;
}

/** A bare token needs mostly real digits, so words like "8lolIoOl" are not codes. */
function hasRealDigits(token: string): boolean {
  return (token.match(/[0-9A-Fa-f]/g) ?? []).length >= 6;
}

/** Signed (-2145124322) or unsigned (2149842974) 32-bit HRESULT; failures only. */
export function decimalToCode(text: string): Code | undefined {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) return undefined;
  const unsigned = value < 0 ? value + 2 ** 32 : value;
  if (unsigned < 0x80000000 || unsigned > 0xffffffff) return undefined;
  return `0x${unsigned.toString(16).toUpperCase().padStart(8, '0')}`;
}

/** HRESULT_FROM_WIN32: Win32 error 112 is 0x80070070. */
export function win32ToCode(digits: string): Code | undefined {
  const n = Number(digits);
  if (!Number.isInteger(n) || n <= 0 || n > 0xffff) return undefined;
  return `0x8007${n.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Only spaces, brackets, a colon, "=" or a dash between two mentions. */
function besides(text: string, a: CodeMention, b: CodeMention): boolean {
  const [first, second] = a.at < b.at ? [a, b] : [b, a];
  const gap = text.slice(first.at + first.raw.length, second.at);
  return gap.length <= 4 && /^[\s()[\]:=-]*$/.test(gap);
}

function overlaps(mentions: CodeMention[], at: number): boolean {
  return mentions.some((m) => at >= m.at && at < m.at + m.raw.length);
}

/** The same code named twice ("-2145124322 (0x8024001E)") is one mention. */
export function firstMentionOfEach(mentions: CodeMention[]): CodeMention[] {
  const seen = new Set<Code>();
  return mentions.filter((mention) => {
    if (seen.has(mention.code)) return false;
    seen.add(mention.code);
    return true;
  });
}
