/**
 * Pins the facts of the WSUS, network, BITS and Delivery Optimization entries
 * where Microsoft's pages disagree or where a wrong answer is easy to give.
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { createResolver } from '../../src/resolver/create-resolver.js';

const knowledge = loadKnowledge();
const resolver = createResolver(knowledge);
const top = (text: string) => resolver.resolve(text).matches[0];
const entry = (code: string) => knowledge.entries.get(code);

describe('WSUS and network entries', () => {
  it('calls 0x80244023 a gateway time-out (504) and states the error reference says 503', () => {
    const e = entry('0x80244023');
    expect(e?.name).toBe('WU_E_PT_HTTP_STATUS_GATEWAY_TIMEOUT');
    expect(e?.title).toMatch(/504/);
    expect(e?.caveats.join(' ')).toMatch(/503/);
  });

  it('keeps the header name of 0x80240439 and leaves WU_E_NOT_INITIALIZED to 0x80240004', () => {
    const e = entry('0x80240439');
    expect(e?.name).toBe('WU_E_PT_INVALID_FORMAT');
    expect(e?.aliases).not.toContain('WU_E_NOT_INITIALIZED');
    expect(e?.caveats.join(' ')).toMatch(/WU_E_NOT_INITIALIZED/);
    expect(top('WU_E_NOT_INITIALIZED')?.code).toBe('0x80240004');
  });

  it('sends 0x80072EE6 to the WSUS policy first (the address lacks http:// or https://)', () => {
    expect(entry('0x80072EE6')?.steps[0]?.id).toBe('check-wsus-client-policy');
  });

  it('treats range-request failures of BITS and Delivery Optimization as a proxy job', () => {
    for (const code of ['0x80D05001', '0x80200013', '0x80200011'])
      expect(entry(code)?.steps.map((s) => s.id)).toContain('allow-http-range-requests');
  });

  it('claims no meaning Microsoft does not publish for 0x8024A105', () => {
    const e = entry('0x8024A105');
    expect(e?.name).toBeNull();
    expect(e?.caveats.join(' ')).toMatch(/no meaning/i);
  });

  it('finds the entry from a log line the article quotes', () => {
    expect(top('Agent * WSUS server: <NULL> ... Windows Update access disabled: Yes')?.code).toBe(
      '0x8024002E',
    );
    expect(
      top('Agent * WARNING: Skipping scan, self-update check returned 0x8024402C'),
    ).toMatchObject({ code: '0x8024402C', source: 'curated' });
  });

  it('puts no <placeholder> in the commands of the WSUS, DNS and DO procedures', () => {
    for (const id of [
      'test-wsus-urls',
      'check-wsus-client-policy',
      'check-wsus-site-bindings',
      'check-name-resolution',
      'check-delivery-optimization',
      'allow-http-range-requests',
    ]) {
      const procedure = knowledge.procedures.get(id);
      expect(procedure, id).toBeDefined();
      for (const command of procedure?.commands ?? []) expect(command.run).not.toMatch(/<[^<>]*>/);
    }
  });
});
