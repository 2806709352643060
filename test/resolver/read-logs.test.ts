import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { createResolver, toAnswerSource } from '../../src/resolver/create-resolver.js';
import { rankLine, readMentions } from '../../src/resolver/read-log-line.js';

const resolver = createResolver(loadKnowledge());
const LOGS = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'logs');
const log = (name: string) => readFileSync(join(LOGS, name), 'utf8');
const codes = (text: string) => resolver.resolve(text).matches.map((m) => m.code);
const top = (text: string) => resolver.resolve(text).matches[0];

describe('reading pasted logs: the failure first', () => {
  it('CBS.log: the Error line beats Info noise that comes first, session ids are no codes', () => {
    const text = log('cbs-installers-failed.log');
    const found = codes(text);
    expect(found[0]).toBe('0x800F0922');
    expect(found).toEqual(expect.arrayContaining(['0x80070490', '0x80070002']));
    // Session: 31082497_4265380821 is not the decimal HRESULT 0xFE3B0C55;
    // "sleep block state: 0x80000000" is a state, not an error.
    expect(found).not.toContain('0xFE3B0C55');
    expect(found).not.toContain('0x80000000');
    expect(top(text)?.evidence).toMatchObject({
      line: '2024-01-10 10:15:02, Error CBS Failed to perform operation. [HRESULT = 0x800f0922 - CBS_E_INSTALLERS_FAILED]',
      level: 'error',
      log: 'CBS.log',
    });
  });

  it('CBS.log: quotes the failing package and names its KB; flags and S_OK are no matches', () => {
    const text = log('cbs-package-failed.log');
    expect(codes(text)).toEqual(['0x80070643']);
    const evidence = top(text)?.evidence;
    expect(evidence?.line).toContain('failed with 0x80070643');
    expect(evidence?.mentions).toEqual({
      kb: 'KB5034441',
      package: 'Package_for_KB5034441~31bf3856ad364e35~amd64~~19041.3920.1.0',
    });
  });

  it('DISM.log: Error lines beat the Warning line that comes before them', () => {
    const text = log('dism-source-missing.log');
    expect(codes(text)).toEqual(['0x800F081F', '0x80070002']);
    expect(top(text)?.evidence).toMatchObject({ level: 'error', log: 'DISM.log' });
  });

  it('WindowsUpdate.log: *FAILED* lines win, hr = 0x00000000 is not a match', () => {
    const text = log('windowsupdate.log');
    expect(codes(text)).toEqual(['0x80244022']);
    expect(top(text)?.evidence?.log).toBe('WindowsUpdate.log');
  });

  it('setupact.log: the final result with its extend code first, the failing driver named', () => {
    const text = log('setupact.log');
    const { matches } = resolver.resolve(text);
    expect(matches.map((m) => m.code)).toEqual(['0xC1900101', '0x80070002']);
    expect(matches[0]?.extend).toMatchObject({
      code: '0x20017',
      phase: { digit: 2, name: 'SP_EXECUTION_SAFE_OS' },
      operation: { hex: '17', name: 'SP_EXECUTION_OP_BOOT' },
    });
    expect(matches[1]?.evidence?.mentions.driver).toBe('oem12.inf');
    expect(matches[1]?.evidence?.log).toBe('setupact.log');
  });

  it('a code repeated on many Info lines counts once, below one Error line', () => {
    const info = '2024-01-10 10:11:13, Info CBS Failed to get state [HRESULT = 0x80070490]\n';
    const text = `${info.repeat(20)}2024-01-10 10:12:00, Error CBS Failed [HRESULT = 0x800f0831]\n`;
    expect(codes(text)).toEqual(['0x800F0831', '0x80070490']);
  });

  it('ranks failure words over a passing mention in chat text too', () => {
    expect(
      codes('I saw 0x80070002 earlier, but now the update failed with 0x80070643 every time'),
    ).toEqual(['0x80070643', '0x80070002']);
  });

  it('drops values that are flags, sizes or ids, never an HRESULT', () => {
    expect(codes('Flags = 0x80000000 size: 2147483650 Session: 31082497_4265380821')).toEqual([]);
    expect(codes('state: 0x80070005 then Error: 0x80070005')).toEqual(['0x80070005']);
  });

  it('rates a line by its level column, then by its failure words', () => {
    const error = rankLine('2024-01-10 10:15:02, Error CBS Failed to perform operation.');
    const plain = rankLine('the update failed with 0x80070643');
    const warning = rankLine('2024-01-10 10:15:02, Warning DISM Failed to get provider');
    const info = rankLine('2024-01-10 10:15:02, Info CBS Failed to get state');
    expect(error.level).toBe('error');
    expect(info.level).toBe('info');
    expect(error.rank).toBeGreaterThan(plain.rank);
    expect(plain.rank).toBeGreaterThan(warning.rank);
    expect(warning.rank).toBeGreaterThan(info.rank);
  });

  it('names the file or driver a line mentions', () => {
    expect(readMentions('Failed to install C:\\Windows\\System32\\drivers\\foo.sys')).toMatchObject(
      { driver: 'foo.sys' },
    );
    expect(readMentions('Hydration failed for wuaueng.dll')).toEqual({ file: 'wuaueng.dll' });
    expect(readMentions('Installing KB 5034441 now')).toEqual({ kb: 'KB5034441' });
  });

  it('reads Win32 numbers where the tool labels them: DISM "Error: 87", HRESULT_FROM_WIN32(1726)', () => {
    const dism = [
      'Deployment Image Servicing and Management tool',
      'Version: 10.0.19041.844',
      '',
      'Error: 87',
      '',
      'The restorehealth option is unknown.',
    ].join('\n');
    expect(codes(dism)).toEqual(['0x80070057']);
    expect(codes('Installing network driver failed: HRESULT_FROM_WIN32(1726)')).toEqual([
      '0x800706BE',
    ]);
    // A number after "Error:" inside a sentence is not a Win32 code.
    const vias = resolver.resolve('Error: 404 page not found').matches.map((m) => m.via);
    expect(vias).not.toContain('decimal');
  });

  it('puts a code on a WARNING: line below one named as the error', () => {
    expect(
      codes(
        'Update fails with error 80072EFE. The log also says "WARNING: Failed to filter search results, error = 0x8024000B"',
      ),
    ).toEqual(['0x80072EFE', '0x8024000B']);
  });

  it('reads a 20,000-character paste of codes without line breaks quickly', () => {
    const paste = Array.from({ length: 3_000 }, (_, i) => `0x8024${(0x1000 + i).toString(16)}`)
      .join(' failed ')
      .slice(0, 20_000);
    resolver.resolve(paste);
    const start = performance.now();
    const { matches } = resolver.resolve(paste);
    expect(performance.now() - start).toBeLessThan(100); // bench target 20 ms; slack for CI
    expect(matches).toHaveLength(10);
    expect(matches[0]?.evidence?.line.length).toBeLessThanOrEqual(242);
  });

  it('gives no evidence for a code typed on its own', () => {
    expect(top('0x8024001E')?.evidence).toBeUndefined();
  });
});

describe('setup result and extend codes are one error', () => {
  it.each([
    ['0xC1900101 - 0x4000D', '0xC1900101', '0x4000D', 4, 'SP_EXECUTION_OP_MIGRATE_DATA'],
    ['Upgrade failed: 0xC1900101-0x20017', '0xC1900101', '0x20017', 2, 'SP_EXECUTION_OP_BOOT'],
    [
      'error 0x80070070 – 0x50011 during setup',
      '0x80070070',
      '0x50011',
      5,
      'SP_EXECUTION_OP_ENABLE_FEATURE',
    ],
    ['8007042B - 0x4000D', '0x8007042B', '0x4000D', 4, 'SP_EXECUTION_OP_MIGRATE_DATA'],
  ])('%s', (text, code, extend, digit, operation) => {
    const { matches } = resolver.resolve(text);
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({ code, extend: { code: extend, phase: { digit } } });
    expect(matches[0]?.extend?.operation.name ?? null).toBe(operation);
  });

  it('answers 0xC1900101 from the catalogue and the setup family, never "unknown"', () => {
    expect(top('0xC1900101')).toMatchObject({
      name: 'MOSETUP_E_SETUP_PLATFORM',
      family: { id: 'windows-setup' },
    });
    expect(top('0xC1900101')?.source).not.toBe('unknown');
  });
});

describe('success codes', () => {
  it.each([['0x00240005'], ['WU_S_REBOOT_REQUIRED'], ['S_OK'], ['hr = 0x00000000']])(
    '%s is answered as success',
    (text) => {
      const match = top(text);
      expect(match?.success).toBe(true);
      expect(toAnswerSource(match ?? { source: 'unknown' })).toBe('success');
    },
  );

  it('never ranks a success code above a failure, nor returns it beside one', () => {
    expect(codes('WU_S_REBOOT_REQUIRED then 0x80070005')).toEqual(['0x80070005']);
    expect(codes('Result: 0x00000000, later Error: 0x8024001E')).toEqual(['0x8024001E']);
  });

  it('does not read small log values (gle=0x00000002, 0x00000001) as codes', () => {
    expect(codes('gle=0x00000002 flags 0x00000001')).toEqual([]);
  });
});

describe('reading tool output the way an engineer does', () => {
  it("takes DISM's own closing Error: line over the log lines it quotes afterwards", () => {
    const text = [
      'C:\\>dism /online /cleanup-image /restorehealth',
      '[==========================100.0%==========================]',
      'Error: 0x800f081f',
      '',
      'The source files could not be found.',
      'From dism.log:',
      '2025-03-04 08:00:01, Error DISM DISM Package Manager: Failed finalizing changes. (hr:0x80070002)',
      '2025-03-04 08:00:01, Error DISM DISM Package Manager: Failed to analyze. (hr:0x80070002)',
    ].join('\n');
    expect(codes(text)).toEqual(['0x800F081F', '0x80070002']);
    expect(top(text)?.evidence?.line).toBe('Error: 0x800f081f');
  });

  it('reads a localised DISM "Error: 87" line and sc.exe\'s "[SC] ... FAILED 1060:"', () => {
    expect(codes('Fortschritt 100%\nFehler: 87\n\nDer Parameter ist falsch.')).toEqual([
      '0x80070057',
    ]);
    expect(codes('C:\\>sc config wuauserv start= auto\n[SC] OpenService FAILED 1060:\n')).toEqual([
      '0x80070424',
    ]);
    // A port or a count after "Error" inside a sentence stays a number.
    expect(codes('Error: the server returned 500 items')).toEqual([]);
  });

  it('reads a Win32 result written as 8 hex digits, and short WinHTTP codes', () => {
    expect(codes('Creating Process: setup.exe /quiet\nProcess returned 0x00000643')).toEqual([
      '0x80070643',
    ]);
    expect(
      codes('CAPI2: could not fetch http://ctldl.windowsupdate.com/x.crt 12029 (0x2efd)'),
    ).toEqual(['0x80072EFD']);
    // A flag or a size in 8 hex digits is not a Win32 error.
    expect(codes('Flags = 0x00000643, size 0x00000200')).toEqual([]);
  });

  it('puts a line that reports something completed below a code named as the problem', () => {
    const text = [
      '2024/05/02 10:00:00.1234567 1276 3628 Misc LoadHistoryEventFromRegistry completed, hr = 8024000C',
      'Above is the log; all our servers show 0x8024401c when they scan against WSUS.',
    ].join('\n');
    expect(codes(text)[0]).toBe('0x8024401C');
  });
});

describe('a name written beside a number', () => {
  it('takes the number when the two disagree ("E_FAIL (0x80070002)")', () => {
    expect(codes('The update stopped with Error E_FAIL (0x80070002) after ten minutes')).toEqual([
      '0x80070002',
    ]);
    // A name on its own is still read.
    expect(codes('The scan ends with WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ every time')).toEqual([
      '0x8024401B',
    ]);
  });
});
