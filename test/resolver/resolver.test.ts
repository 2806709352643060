import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { createResolver, MAX_CODES, MAX_QUERY_CHARS } from '../../src/resolver/create-resolver.js';

const resolver = createResolver(loadKnowledge());
const codes = (text: string) => resolver.resolve(text).matches.map((m) => m.code);
const top = (text: string) => resolver.resolve(text).matches[0];

describe('resolver: codes', () => {
  it.each([
    ['0x8024001E'],
    ['8024001e'],
    ['0X8024001e'],
    ['-2145124322'],
    ['2149842974'],
    ['WU_E_SERVICE_STOP'],
    ['wu_e_service_stop'],
    ['0x8O24OO1E'],
    ['0×8024001E'],
    ['0x8024 001E'],
    [
      'Installation Failure: Windows failed to install the following update with error 0x8024001E: 2023-11 Cumulative Update',
    ],
  ])('answers %s with the curated 0x8024001E', (text) => {
    expect(top(text)).toMatchObject({
      code: '0x8024001E',
      source: 'curated',
      name: 'WU_E_SERVICE_STOP',
      score: 1,
    });
  });

  it('answers aliases and CBS names found in logs', () => {
    expect(top('E_ACCESSDENIED')?.code).toBe('0x80070005');
    expect(top('ERROR_ACCESS_DENIED')?.code).toBe('0x80070005');
    expect(
      top('Info CBS Failed to resolve package [HRESULT = 0x800f081f - CBS_E_SOURCE_MISSING]')?.code,
    ).toBe('0x800F081F');
  });

  it('never corrects a catalogued code into its curated neighbour', () => {
    const match = top('0x8024401D');
    expect(match?.code).toBe('0x8024401D');
    expect(match?.source).toBe('catalogue');
    expect(match?.name).toMatch(/^WU_E_PT_/);
  });

  it('answers a code with no entry from its family', () => {
    // WU_E_DUPLICATE_ITEM: named in wuerror.h, no curated entry.
    const catalogued = top('0x80240013');
    expect(catalogued).toMatchObject({ source: 'catalogue', name: 'WU_E_DUPLICATE_ITEM' });
    expect(catalogued?.family?.steps.length).toBeGreaterThan(0);
    const unnamed = top('0x80244FFE');
    expect(unnamed).toMatchObject({ code: '0x80244FFE', source: 'family', name: null });
    expect(unnamed?.family?.id).toMatch(/protocol/);
  });

  it('recognises a code outside every range without claiming a curated entry', () => {
    expect(top('0xDEADBEEF')).toMatchObject({ code: '0xDEADBEEF', source: 'unknown', name: null });
  });

  it('returns every code of a message in order of appearance', () => {
    expect(codes('first 0x80244022, then WU_E_SERVICE_STOP and finally -2145107941')).toEqual([
      '0x80244022',
      '0x8024001E',
      '0x8024401B',
    ]);
  });

  it('caps how much of a huge paste it reads, and how many codes it returns', () => {
    const many = Array.from(
      { length: 30 },
      (_, i) => `0x8024${(0x4000 + i).toString(16).toUpperCase()}`,
    ).join(' ');
    expect(codes(many)).toHaveLength(MAX_CODES);
    const huge = `${'x'.repeat(MAX_QUERY_CHARS)} 0x8024001E`;
    const resolution = resolver.resolve(huge);
    expect(resolution.truncated).toBe(true);
    expect(resolution.matches).toEqual([]);
  });
});

describe('resolver: symptoms', () => {
  // Phrasings of our own, not the evaluation lines: the search must generalise.
  it.each([
    ['proxy keeps asking for credentials when we check for updates', '0x8024401B'],
    ['the Windows Update service is disabled and refuses to start', '0x80070422'],
    ['Windows Update says another process has the file open, sharing violation', '0x80070020'],
    ['DISM says the source files could not be found', '0x800F081F'],
    ['the download never makes any progress', '0x80D02002'],
    ['the user is not a local admin so the download is denied', '0x80246017'],
    ['the web filter from Lightspeed blocks updates', '0x8024402F'],
  ])('finds %s among the first three', (text, code) => {
    const found = codes(text);
    expect(found.slice(0, 3)).toContain(code);
    expect(resolver.resolve(text).matches[0]?.via).toBe('symptom');
  });

  it('tolerates a typo in a key word', () => {
    expect(codes('updates fail behind the authenticating proxxy').slice(0, 3)).toContain(
      '0x8024401B',
    );
  });

  it.each([
    ['printer jammed'],
    ['thanks!'],
    ['can someone reset my password'],
    ['outlook keeps crashing'],
    ['windows update failed'],
    [''],
    ['   '],
    ['🙂🙂🙂'],
  ])('matches nothing for %j', (text) => {
    expect(codes(text)).toEqual([]);
  });

  it('scores symptom matches between 0 and 1, best first', () => {
    const { matches } = resolver.resolve('component store is corrupted and DISM cannot repair it');
    expect(matches.length).toBeGreaterThan(0);
    for (const m of matches) expect(m.score).toBeGreaterThan(0);
    for (const m of matches) expect(m.score).toBeLessThanOrEqual(1);
    expect([...matches].sort((a, b) => b.score - a.score)).toEqual(matches);
  });
});
