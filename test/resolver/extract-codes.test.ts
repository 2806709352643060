import { describe, expect, it } from 'vitest';
import { decimalToCode, extractCodes } from '../../src/resolver/extract-codes.js';
import { normaliseText } from '../../src/resolver/normalise-text.js';

const NAMES = new Map([
  ['WU_E_SERVICE_STOP', '0x8024001E'],
  ['CBS_E_STORE_CORRUPTION', '0x800F0831'],
]);
const codesIn = (text: string) =>
  extractCodes(normaliseText(text), (name) => NAMES.get(name)).map((m) => m.code);

describe('extractCodes', () => {
  it.each([
    ['0x8024001E', '0x8024001E'],
    ['8024001e', '0x8024001E'],
    ['0X8024401b', '0x8024401B'],
    ['error 0x800f081f during install', '0x800F081F'],
    ['(0x80070005)', '0x80070005'],
  ])('reads hex %s', (text, code) => {
    expect(codesIn(text)).toEqual([code]);
  });

  it.each([
    ['-2145124322', '0x8024001E'],
    ['2149842974', '0x8024001E'],
    ['[hr] : -2145107941', '0x8024401B'],
  ])('reads decimal HRESULT %s', (text, code) => {
    expect(codesIn(text)).toEqual([code]);
  });

  it('reads symbolic names in any case', () => {
    expect(codesIn('WU_E_SERVICE_STOP')).toEqual(['0x8024001E']);
    expect(codesIn('got wu_e_service_stop again')).toEqual(['0x8024001E']);
    expect(codesIn('Cbs_E_Store_Corruption')).toEqual(['0x800F0831']);
  });

  it('ignores names it does not know', () => {
    expect(codesIn('MY_CUSTOM_FLAG was set')).toEqual([]);
  });

  it.each([
    ['0x8O24OO1E', '0x8024001E'],
    ['0x80244O22', '0x80244022'],
    ['0x8024l01B', '0x8024101B'],
    ['0×8024001E', '0x8024001E'],
    ['0x8024 001E', '0x8024001E'],
    ['0x 8024001E', '0x8024001E'],
    ['0ｘ８０２４００１Ｅ', '0x8024001E'],
    ['\u22122145124322', '0x8024001E'],
  ])('forgives the typing slip in %s', (text, code) => {
    expect(codesIn(text)).toEqual([code]);
  });

  it('finds codes inside pasted log lines, once each, in order of appearance', () => {
    const uso =
      '*Error Originate:DownloadHandler::UpdateDownloadResult:1893* -> [hr] : -2145124322 (0x8024001E);';
    expect(codesIn(uso)).toEqual(['0x8024001E']);
    const cbs =
      '2023-11-02 09:14:55, Info CBS Failed [HRESULT = 0x800f0831 - CBS_E_STORE_CORRUPTION]';
    expect(codesIn(cbs)).toEqual(['0x800F0831']);
    expect(codesIn('0x80072EE2 then 0x80244022, later 0x80072ee2 again')).toEqual([
      '0x80072EE2',
      '0x80244022',
    ]);
  });

  it('does not read GUIDs, KB numbers, dates or longer hex runs as codes', () => {
    expect(codesIn('{85604fae-a5c5-4f6d-9012-3d86be1bccce}:2021-01 Update (KB4589210)')).toEqual(
      [],
    );
    expect(codesIn('commit 8024001e9f0a and 0x8024001E9')).toEqual([]);
    expect(codesIn('at 2023-11-02 09:14:55 ticket 1700000000')).toEqual([]);
  });

  it('never corrects a code into a neighbour', () => {
    expect(codesIn('0x8024401E')).toEqual(['0x8024401E']);
  });
});

describe('decimalToCode', () => {
  it('accepts only 32-bit failure values', () => {
    expect(decimalToCode('-2145124322')).toBe('0x8024001E');
    expect(decimalToCode('4294967295')).toBe('0xFFFFFFFF');
    expect(decimalToCode('2147483647')).toBeUndefined();
    expect(decimalToCode('4294967296')).toBeUndefined();
    expect(decimalToCode('-2147483649')).toBeUndefined();
  });
});
