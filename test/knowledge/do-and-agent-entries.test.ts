/**
 * Pins the facts of the Delivery Optimization entries, the scan-failure codes
 * Microsoft only lists (no public name), and the Windows Update agent entries
 * taken from the error reference, where a wrong answer is easy to give.
 */
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { createResolver } from '../../src/resolver/create-resolver.js';

const knowledge = loadKnowledge();
const resolver = createResolver(knowledge);
const top = (text: string) => resolver.resolve(text).matches[0];
const entry = (code: string) => knowledge.entries.get(code);
const DO_PAGE = 'https://learn.microsoft.com/windows/win32/delivery_optimization/do-return-values';

describe('Delivery Optimization entries', () => {
  // Transcribed from Microsoft's "DO Return Values" page.
  const names: Record<string, string> = {
    '0x80D01001': 'DO_E_NO_SERVICE',
    '0x80D03002': 'DO_E_NO_DOWNLOAD_EXTSETTINGS',
    '0x80D03801': 'DO_E_BLOCKED_BY_COST_TRANSFER_POLICY',
    '0x80D03803': 'DO_E_BLOCKED_BY_CELLULAR_POLICY',
    '0x80D03804': 'DO_E_BLOCKED_BY_POWER_STATE',
    '0x80D03805': 'DO_E_BLOCKED_BY_NO_NETWORK',
    '0x80D03807': 'DO_E_BLOCKED_BY_VPN_POLICY',
    '0x80D03808': 'DO_E_BLOCKED_BY_CRITICAL_MEMORY_USAGE',
    '0x80D05010': 'DO_E_INVALID_RANGE',
    '0x80D05011': 'DO_E_INSUFFICIENT_RANGE_SUPPORT',
    '0x80D06802': 'DO_E_FATAL_CORE_ERROR',
  };

  it.each(Object.entries(names))(
    'names %s %s and cites the DO return-values page',
    (code, name) => {
      const e = entry(code);
      expect(e?.name).toBe(name);
      expect(e?.sources.some((s) => 'url' in s && s.url === DO_PAGE)).toBe(true);
    },
  );

  it('finds the paused-job entries from how people describe them', () => {
    // "VPN" without a Windows word reads as a VPN ticket (the on-topic gate); with one it is ours.
    expect(top('Windows updates pause when the VPN is connected')?.code).toBe('0x80D03807');
    expect(top('updates paused because of metered connection')?.code).toBe('0x80D03801');
  });

  it('sends the range failures to the proxy team with the range-request procedure', () => {
    for (const code of ['0x80D05010', '0x80D05011'])
      expect(entry(code)?.steps.map((s) => s.id)).toContain('allow-http-range-requests');
  });

  it('reads the DO log with the real cmdlet and warns before clearing the cache', () => {
    const log = knowledge.procedures.get('read-delivery-optimization-log');
    expect(log?.commands.map((c) => c.run).join('\n')).toMatch(/^Get-DeliveryOptimizationLog /m);
    const cache = knowledge.procedures.get('clear-delivery-optimization-cache');
    expect(cache?.commands[0]).toMatchObject({
      shell: 'powershell',
      run: 'Delete-DeliveryOptimizationCache',
      elevated: true,
      warnings: ['data-loss'],
    });
  });

  it('puts no <placeholder> in the commands of the DO procedures', () => {
    for (const id of [
      'check-delivery-optimization-status',
      'read-delivery-optimization-log',
      'check-delivery-optimization-policy',
      'clear-delivery-optimization-cache',
    ]) {
      const p = knowledge.procedures.get(id);
      expect(p, id).toBeDefined();
      for (const c of p?.commands ?? []) expect(c.run, id).not.toMatch(/<[^>]*>/);
    }
  });
});

describe('scan failures Microsoft lists without a public name', () => {
  it.each(['0x800A0046', '0x800A01AD', '0x8DDD0018'])('gives %s no invented name', (code) => {
    expect(entry(code)?.name).toBeNull();
    expect(entry(code)?.steps.map((s) => s.id)).toContain('rename-software-distribution');
  });

  it('says where the script-error meanings of 0x800A0046 and 0x800A01AD come from', () => {
    expect(entry('0x800A0046')?.caveats.join(' ')).toMatch(/error 70/);
    expect(entry('0x800A01AD')?.caveats.join(' ')).toMatch(/error 429/);
  });

  it('registers the three trust DLLs for 0x800C0005, as Microsoft does', () => {
    const runs = entry('0x800C0005')?.steps[0]?.commands.map((c) => c.run);
    expect(runs).toEqual(
      expect.arrayContaining([
        'regsvr32 Softpub.dll',
        'regsvr32 Wintrust.dll',
        'regsvr32 Initpki.dll',
      ]),
    );
  });
});

describe('Windows Update agent entries from the error reference', () => {
  it('checks the DisableWindowsUpdateAccess policy value for 0x8024002F', () => {
    const runs = entry('0x8024002F')?.steps[0]?.commands.map((c) => c.run) ?? [];
    expect(runs.join('\n')).toMatch(/\/v DisableWindowsUpdateAccess/);
  });

  it('looks at both WSUS policy values for 0x80244011 (WUServer missing)', () => {
    const runs = entry('0x80244011')?.steps[0]?.commands.map((c) => c.run) ?? [];
    expect(runs.join('\n')).toMatch(/\/v WUServer/);
    expect(runs.join('\n')).toMatch(/\\AU" \/v UseWUServer/);
  });

  it('calls 0x80244020 HTTP 501 and states the error reference says 500', () => {
    const e = entry('0x80244020');
    expect(e?.title).toMatch(/501/);
    expect(e?.caveats.join(' ')).toMatch(/HTTP status 500/);
  });

  it('treats "no updates" (0x80240024) as a source or approval question, not damage', () => {
    const ids = entry('0x80240024')?.steps.map((s) => s.id) ?? [];
    expect(ids).not.toContain('reset-update-components');
    expect(entry('0x80240024')?.steps.some((s) => /approved/i.test(s.title))).toBe(true);
  });
});
