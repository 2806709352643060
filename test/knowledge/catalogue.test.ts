import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  buildCatalogueRecords,
  HEADER_ORDER,
  type HeaderName,
  parseSuccessCodes,
  parseWinerror,
  parseWinhttp,
  parseWininet,
  parseWuerror,
} from '../../scripts/catalogue/parse-headers.js';
import { CatalogueFileSchema, isSuccessCode } from '../../src/knowledge/schema.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const INCLUDE = '/usr/share/mingw-w64/include';
const DOCUMENTED_NAMES = join(ROOT, 'scripts', 'catalogue', 'documented-names.json');
const catalogue = CatalogueFileSchema.parse(
  JSON.parse(readFileSync(join(ROOT, 'knowledge', 'catalogue.json'), 'utf8')),
);

describe('header parsers', () => {
  it('keeps WU_E_ failure codes (with or without an L suffix) and skips WU_S_ success codes', () => {
    const text = [
      '#define WU_S_SERVICE_STOP _HRESULT_TYPEDEF_(0x00240001)',
      '#define WU_E_NO_SERVICE _HRESULT_TYPEDEF_(0x80240001)',
      '#define WU_E_MAX_CAPACITY_REACHED _HRESULT_TYPEDEF_(0x80240002L)',
    ].join('\n');
    expect(parseWuerror(text)).toEqual([
      { code: '0x80240001', name: 'WU_E_NO_SERVICE', header: 'wuerror.h' },
      { code: '0x80240002', name: 'WU_E_MAX_CAPACITY_REACHED', header: 'wuerror.h' },
    ]);
  });

  it('maps numeric ERROR_ values to HRESULT_FROM_WIN32 and skips what is not a literal', () => {
    const text = [
      '#define ERROR_SUCCESS __MSABI_LONG(0)',
      '#define ERROR_ACCESS_DENIED __MSABI_LONG(5)',
      '#define ERROR_NOT_READY 21L',
      '#define ERROR_SEVERITY_ERROR 0xC0000000',
      '#define ERROR_ALIAS ERROR_ACCESS_DENIED',
      '/*#define ERROR_COMMENTED_OUT __MSABI_LONG(13884)*/',
      '#define E_ACCESSDENIED _HRESULT_TYPEDEF_(0x80070005L)',
      '#define S_FALSE _HRESULT_TYPEDEF_(0x1)',
    ].join('\n');
    expect(parseWinerror(text).map((r) => `${r.code} ${r.name}`)).toEqual([
      '0x80070005 ERROR_ACCESS_DENIED',
      '0x80070015 ERROR_NOT_READY',
      '0x80070005 E_ACCESSDENIED',
    ]);
  });

  it('resolves BASE + n from the base defined in the same header', () => {
    const wininet = [
      '#define INTERNET_ERROR_BASE 12000',
      '#define ERROR_INTERNET_TIMEOUT (INTERNET_ERROR_BASE + 2)',
      '#define ERROR_HTTP_HEADER_NOT_FOUND (INTERNET_ERROR_BASE + 150)',
      '#define ERROR_INTERNET_UNKNOWN (OTHER_BASE + 3)',
      '#define INTERNET_ERROR_LAST ERROR_INTERNET_TIMEOUT',
    ].join('\n');
    expect(parseWininet(wininet).map((r) => `${r.code} ${r.name}`)).toEqual([
      '0x80072EE2 ERROR_INTERNET_TIMEOUT',
      '0x80072F76 ERROR_HTTP_HEADER_NOT_FOUND',
    ]);
    const winhttp =
      '#define WINHTTP_ERROR_BASE 12000\n#define ERROR_WINHTTP_TIMEOUT (WINHTTP_ERROR_BASE + 2)';
    expect(parseWinhttp(winhttp)).toEqual([
      { code: '0x80072EE2', name: 'ERROR_WINHTTP_TIMEOUT', header: 'winhttp.h' },
    ]);
    // Without the base's value nothing can be evaluated exactly.
    expect(parseWinhttp('#define ERROR_WINHTTP_TIMEOUT (WINHTTP_ERROR_BASE + 2)')).toEqual([]);
  });
});

describe('success codes', () => {
  it('reads S_OK, S_FALSE, *_S_* and ERROR_SUCCESS, never a failure', () => {
    const text = [
      '#define ERROR_SUCCESS __MSABI_LONG(0)',
      '#define S_OK ((HRESULT)0x00000000)',
      '#define S_FALSE ((HRESULT)0x00000001)',
      '#define WU_S_REBOOT_REQUIRED _HRESULT_TYPEDEF_(0x00240005)',
      '#define WU_E_NO_SERVICE _HRESULT_TYPEDEF_(0x80240001)',
      '#define SEVERITY_SUCCESS 0',
    ].join('\n');
    expect(parseSuccessCodes(text, 'winerror.h').map((r) => `${r.code} ${r.name}`)).toEqual([
      '0x00000000 ERROR_SUCCESS',
      '0x00000000 S_OK',
      '0x00000001 S_FALSE',
      '0x00240005 WU_S_REBOOT_REQUIRED',
    ]);
  });
});

describe('knowledge/catalogue.json', () => {
  const names = (code: string) =>
    catalogue.records.filter((r) => r.code === code).map((r) => r.name);

  it('has exactly the 447 WU_E_ codes of wuerror.h', () => {
    const wu = catalogue.records.filter((r) => r.header === 'wuerror.h' && !isSuccessCode(r.code));
    expect(wu).toHaveLength(447);
    expect(wu.every((r) => r.name.startsWith('WU_E_'))).toBe(true);
  });

  it('names the codes people ask about', () => {
    expect(names('0x80240016')).toEqual(['WU_E_INSTALL_NOT_ALLOWED']);
    expect(names('0x8024401C')).toEqual(['WU_E_PT_HTTP_STATUS_REQUEST_TIMEOUT']);
    expect(names('0x80070005')).toEqual(['ERROR_ACCESS_DENIED', 'E_ACCESSDENIED']);
    expect(names('0x80072EE2')).toEqual(['ERROR_INTERNET_TIMEOUT', 'ERROR_WINHTTP_TIMEOUT']);
    expect(names('0x80070BC2')).toEqual(['ERROR_SUCCESS_REBOOT_REQUIRED']);
  });

  it('knows the success codes, each as success', () => {
    expect(names('0x00000000')).toEqual(expect.arrayContaining(['S_OK', 'ERROR_SUCCESS']));
    expect(names('0x00240005')).toEqual(['WU_S_REBOOT_REQUIRED']);
    const success = catalogue.records.filter((r) => isSuccessCode(r.code));
    expect(success.length).toBeGreaterThan(19);
    expect(success.every((r) => /(^|_)S_|^ERROR_SUCCESS$/.test(r.name))).toBe(true);
  });

  it('adds the names only Microsoft articles give, each citing its page', () => {
    expect(names('0xC1900101')).toEqual(['MOSETUP_E_SETUP_PLATFORM']);
    expect(names('0xC190020E')).toEqual(['MOSETUP_E_INSTALLDISKSPACE_BLOCK']);
    expect(names('0x800F0922')).toEqual(['CBS_E_INSTALLERS_FAILED']);
    expect(names('0x80D05001')).toEqual(['DO_E_HTTP_BLOCKSIZE_MISMATCH']);
    const documented = catalogue.records.filter((r) => !r.header);
    expect(documented.length).toBeGreaterThan(70);
    for (const record of documented) {
      const page = join(ROOT, '..', 'shared', 'references', 'microsoft-docs', record.page ?? '');
      if (existsSync(join(ROOT, '..', 'shared'))) {
        // The page gives exactly this pair (code case-insensitive).
        const text = readFileSync(page, 'utf8').toLowerCase();
        expect(text, record.name).toContain(record.name.toLowerCase());
        expect(text, record.name).toContain(record.code.slice(2).toLowerCase());
      }
    }
  });

  it('spells every code 0x + 8 upper-case hex digits', () => {
    for (const record of catalogue.records) expect(record.code).toMatch(/^0x[0-9A-F]{8}$/);
  });

  it.runIf(existsSync(join(INCLUDE, 'wuerror.h')))('is exactly what the headers generate', () => {
    const texts = Object.fromEntries(
      HEADER_ORDER.map((header) => [header, readFileSync(join(INCLUDE, header), 'utf8')]),
    ) as Record<HeaderName, string>;
    const documented = JSON.parse(readFileSync(DOCUMENTED_NAMES, 'utf8')).records;
    expect(buildCatalogueRecords(texts, documented)).toEqual(catalogue.records);
  });
});
