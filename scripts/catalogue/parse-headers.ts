/**
 * Pure parsers (no I/O) that turn the text of the public Windows headers
 * shipped by mingw-w64 into catalogue records: every publicly named error
 * code, as the HRESULT people see in Windows Update.
 *
 * Only values that can be evaluated exactly are kept: a hex HRESULT literal,
 * a plain number, or `BASE + n` where BASE is a plain number defined in the
 * same header. Anything else is skipped, never guessed.
 */
import type { CatalogueRecord } from '../../src/knowledge/schema.js';

export type HeaderName = NonNullable<CatalogueRecord['header']>;

/** The order records appear in: the first record for a code is its primary name. */
export const HEADER_ORDER: readonly HeaderName[] = [
  'wuerror.h',
  'winerror.h',
  'wininet.h',
  'winhttp.h',
];

interface Define {
  name: string;
  value: string;
}

/** Object-like `#define NAME VALUE` macros, with comments removed and continuations joined. */
export function readDefines(text: string): Define[] {
  const clean = text
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/.*$/gm, '')
    .replace(/\\\r?\n/g, ' ');
  const defines: Define[] = [];
  for (const match of clean.matchAll(
    /^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)[ \t]+(.+?)[ \t]*$/gm,
  )) {
    const [, name, value] = match;
    if (name && value) defines.push({ name, value });
  }
  return defines;
}

/** `0x` + 8 upper-case hex digits. */
export function formatCode(value: number): string {
  return `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** HRESULT_FROM_WIN32 for a Win32 error number (1..0xFFFF). */
export function hresultFromWin32(n: number): string {
  return formatCode((0x80070000 | n) >>> 0);
}

/** `(x)`, `__MSABI_LONG(x)` and nestings of them -> `x`, trimmed. */
function unwrap(value: string): string {
  let text = value.trim();
  for (;;) {
    const inner = /^(?:__MSABI_LONG\s*)?\((.*)\)$/.exec(text)?.[1];
    if (!inner || !balanced(inner)) return text;
    text = inner.trim();
  }
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** A literal integer (`5`, `5L`, `0x1F`, `__MSABI_LONG(5)`, `(5)`), or undefined. */
export function parseNumber(value: string): number | undefined {
  const match = /^(0[xX][0-9A-Fa-f]+|\d+)[uUlL]*$/.exec(unwrap(value));
  if (!match?.[1]) return undefined;
  const n = Number(match[1]);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** The value of `_HRESULT_TYPEDEF_(0x...)` (optional L/U suffix), or undefined. */
export function parseHresult(value: string): number | undefined {
  const match = /^\(?\s*_HRESULT_TYPEDEF_\(\s*0[xX]([0-9A-Fa-f]{1,8})[uUlL]*\s*\)\s*\)?$/.exec(
    value.trim(),
  );
  return match?.[1] ? Number.parseInt(match[1], 16) : undefined;
}

/** A failure HRESULT has the severity bit (bit 31) set. */
function isFailure(hresult: number): boolean {
  return hresult >= 0x80000000;
}

/** wuerror.h: every WU_E_* failure HRESULT (WU_S_* success codes are skipped). */
export function parseWuerror(text: string): CatalogueRecord[] {
  const records: CatalogueRecord[] = [];
  for (const { name, value } of readDefines(text)) {
    if (!name.startsWith('WU_E_')) continue;
    const hresult = parseHresult(value);
    if (hresult !== undefined && isFailure(hresult)) {
      records.push({ code: formatCode(hresult), name, header: 'wuerror.h' });
    }
  }
  return records;
}

/**
 * winerror.h: every Win32 ERROR_* with a literal value 1..0xFFFF, as
 * HRESULT_FROM_WIN32, plus every named failure HRESULT (E_ACCESSDENIED,
 * CO_E_*, SPAPI_E_*...). ERROR_SUCCESS (0), macros and success HRESULTs are skipped.
 */
export function parseWinerror(text: string): CatalogueRecord[] {
  const records: CatalogueRecord[] = [];
  for (const { name, value } of readDefines(text)) {
    const hresult = parseHresult(value);
    if (hresult !== undefined) {
      if (isFailure(hresult))
        records.push({ code: formatCode(hresult), name, header: 'winerror.h' });
      continue;
    }
    if (!name.startsWith('ERROR_')) continue;
    const n = parseNumber(value);
    if (n !== undefined && n > 0 && n <= 0xffff) {
      records.push({ code: hresultFromWin32(n), name, header: 'winerror.h' });
    }
  }
  return records;
}

/**
 * ERROR_* names defined as `(BASE + n)`, where BASE is a literal number
 * defined in the same header, as HRESULT_FROM_WIN32(BASE + n).
 */
export function parseBaseOffsetErrors(
  text: string,
  header: HeaderName,
  base: string,
  namePrefix = 'ERROR_',
): CatalogueRecord[] {
  const defines = readDefines(text);
  const baseDefine = defines.find((define) => define.name === base);
  const baseValue = baseDefine ? parseNumber(baseDefine.value) : undefined;
  if (baseValue === undefined) return [];
  const records: CatalogueRecord[] = [];
  for (const { name, value } of defines) {
    if (!name.startsWith(namePrefix)) continue;
    const match = /^([A-Za-z_]\w*)\s*\+\s*(\w+)$/.exec(unwrap(value));
    if (!match?.[1] || !match[2] || match[1] !== base) continue;
    const offset = parseNumber(match[2]);
    if (offset === undefined) continue;
    const n = baseValue + offset;
    if (n > 0 && n <= 0xffff) records.push({ code: hresultFromWin32(n), name, header });
  }
  return records;
}

/** wininet.h: ERROR_INTERNET_*, ERROR_FTP_*, ERROR_GOPHER_*, ERROR_HTTP_* (INTERNET_ERROR_BASE + n). */
export function parseWininet(text: string): CatalogueRecord[] {
  return parseBaseOffsetErrors(text, 'wininet.h', 'INTERNET_ERROR_BASE');
}

/** winhttp.h: ERROR_WINHTTP_* (WINHTTP_ERROR_BASE + n). */
export function parseWinhttp(text: string): CatalogueRecord[] {
  return parseBaseOffsetErrors(text, 'winhttp.h', 'WINHTTP_ERROR_BASE', 'ERROR_WINHTTP_');
}

/** `((HRESULT)0x00000001)`, the form winerror.h uses for S_OK and S_FALSE. */
function parseHresultCast(value: string): number | undefined {
  const match = /^\(\s*\(\s*HRESULT\s*\)\s*0[xX]([0-9A-Fa-f]{1,8})[uUlL]*\s*\)$/.exec(value.trim());
  return match?.[1] ? Number.parseInt(match[1], 16) : undefined;
}

/**
 * Success codes: S_OK, S_FALSE and every *_S_* HRESULT with the severity bit
 * clear (WU_S_REBOOT_REQUIRED, CO_S_NOTALLINTERFACES), plus ERROR_SUCCESS.
 * They are catalogued so that a log's `0x00240005` is read as success.
 */
export function parseSuccessCodes(text: string, header: HeaderName): CatalogueRecord[] {
  const records: CatalogueRecord[] = [];
  for (const { name, value } of readDefines(text)) {
    if (name === 'ERROR_SUCCESS' && parseNumber(value) === 0) {
      records.push({ code: formatCode(0), name, header });
      continue;
    }
    if (!/^(?:S|[A-Z0-9]+_S)_[A-Z0-9_]+$/.test(name)) continue;
    const hresult = parseHresult(value) ?? parseHresultCast(value);
    if (hresult !== undefined && !isFailure(hresult))
      records.push({ code: formatCode(hresult), name, header });
  }
  return records;
}

const PARSERS: Record<HeaderName, (text: string) => CatalogueRecord[]> = {
  'wuerror.h': parseWuerror,
  'winerror.h': parseWinerror,
  'wininet.h': parseWininet,
  'winhttp.h': parseWinhttp,
};

export function parseHeader(header: HeaderName, text: string): CatalogueRecord[] {
  return PARSERS[header](text);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A name that Microsoft's articles give for a code the headers do not name. */
export interface DocumentedName {
  code: string;
  name: string;
  page: string;
  url: string;
}

/**
 * The whole catalogue: per header (HEADER_ORDER) its failure codes, then its
 * success codes, each ordered by code then name; then the names that only
 * Microsoft's articles give, with the page cited. Identical (code, name)
 * pairs are kept once, the first time they appear.
 */
export function buildCatalogueRecords(
  texts: Record<HeaderName, string>,
  documented: readonly DocumentedName[] = [],
): CatalogueRecord[] {
  const seen = new Set<string>();
  const records: CatalogueRecord[] = [];
  const keep = (list: CatalogueRecord[]) => {
    const sorted = list.sort((a, b) => compare(a.code, b.code) || compare(a.name, b.name));
    for (const record of sorted) {
      const key = `${record.code} ${record.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      records.push(record);
    }
  };
  for (const header of HEADER_ORDER) {
    keep(parseHeader(header, texts[header]));
    keep(parseSuccessCodes(texts[header], header));
  }
  keep(documented.map(({ code, name, page, url }) => ({ code, name, page, url })));
  return records;
}
