import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { createResolver } from '../../src/resolver/create-resolver.js';
import { readWin32Numbers } from '../../src/resolver/read-win32-numbers.js';

const resolver = createResolver(loadKnowledge());
const first = (text: string) => resolver.resolve(text).matches[0];
const numbers = (text: string) => readWin32Numbers(text).map((n) => n.code);

describe('Win32 error numbers written in prose', () => {
  it.each([
    ['net start wuauserv says System error 126 has occurred', '0x8007007E'],
    ['DISM /RestoreHealth stops with error 87 every time', '0x80070057'],
    ['the cleanup fails: RPC call failed, code 1726', '0x800706BE'],
    ['msiexec exited with code 1603', '0x80070643'],
    ['the patch run returned 1618', '0x80070652'],
    ['error code: 5', '0x80070005'],
    ['Error #112 while copying', '0x80070070'],
  ])('reads "%s" as %s', (text, code) => {
    expect(numbers(text)).toEqual([code]);
  });

  it.each([
    ['the HTTP error 404 page'],
    ['status code 503 from the proxy'],
    ['it failed 2 times'],
    ['error 12:30 yesterday'],
    ['error 5 MB short'],
    ['error 1.5 seconds'],
    ['error code 0x80070005'],
    ['failed on step 3 of 7'],
    ['version 1903'],
  ])('does not read "%s" as a Win32 number', (text) => {
    expect(numbers(text)).toEqual([]);
  });

  it('answers a Windows Update message with the curated entry of its number, before symptoms', () => {
    expect(
      first(
        'Windows Update service will not start: System error 126 when I run net start wuauserv',
      ),
    ).toMatchObject({ code: '0x8007007E', via: 'decimal', source: 'curated' });
    expect(
      first(
        'dism.exe /online /Cleanup-Image /StartComponentCleanup failed: rpc call failed code 1726',
      ),
    ).toMatchObject({ code: '0x800706BE', via: 'decimal' });
  });

  it('ignores a number in a message that is not about Windows updates', () => {
    expect(resolver.resolve('Chrome update failed with error 7').matches).toEqual([]);
    expect(resolver.resolve('printer says error 5, paper jam').matches).toEqual([]);
  });

  it('ignores a number whose Win32 code has no curated entry', () => {
    const codes = resolver.resolve(
      'Windows Update shows error 9 after the cumulative update',
    ).matches;
    expect(codes.map((m) => m.code)).not.toContain('0x80070009');
  });
});
