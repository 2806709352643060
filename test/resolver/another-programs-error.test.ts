import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { createResolver } from '../../src/resolver/create-resolver.js';
import { readTopic } from '../../src/resolver/is-on-topic.js';

const resolver = createResolver(loadKnowledge());
const codes = (text: string) => resolver.resolve(text).matches.map((m) => m.code);

describe("resolver: a generic result code from another program's installer", () => {
  it.each([
    ['The installer of this tool fails with 0x80070643 every time'],
    ['Zoom client install: error 0x80070666, another version is already there'],
    ['Steps to reproduce: run the setup as admin. Actual behavior: it stops with 0x80070005'],
    ['Dell BIOS update step in the task sequence fails: 0x80041017'],
    ['Chrome updater fails with 0x80004005 on every laptop'],
    // A product named only by its capitalised name before "installer".
    ['The PowerToys installer fails with 0x80070643 every time'],
  ])('answers nothing for %j', (text) => {
    expect(codes(text)).toEqual([]);
  });

  it.each([
    // A code only the update stack raises is ours whatever program is named.
    ['Cannot install the Keybase client: 0x80240017 Unknown Error', '0x80240017'],
    ['The Chrome installer stops with 0x800F081F', '0x800F081F'],
    ['The upgrade tool says 0xC1900101 - 0x40017', '0xC1900101'],
    // Any sign of Windows's own updates makes a generic code ours.
    ['Office updates through WSUS fail with 0x80070643', '0x80070643'],
    ['Windows Update: the Defender update fails with 0x80070643', '0x80070643'],
    // A code with nothing said about who raised it.
    ['0x80070643', '0x80070643'],
    ['getting 0x80070005 when updating', '0x80070005'],
    // A servicing or update-agent log line makes it ours.
    [
      '2024-01-10 10:11:12, Error CBS Failed to install the app package [HRESULT = 0x80070005]',
      '0x80070005',
    ],
    [
      'Log from the app server:\n2016-09-08\t10:48:43:109\t 848\t604\tMisc\tWARNING: Send failed with hr = 80072ee2.',
      '0x80072EE2',
    ],
    // Windows's features turned on from Control Panel's Programs page.
    [
      'Enabling the Linux subsystem from Control Panel > Programs fails with 0x80070002',
      '0x80070002',
    ],
  ])('still answers %j', (text, code) => {
    expect(codes(text)[0]).toBe(code);
  });
});

describe('topic gate: more ways another program is the subject', () => {
  it.each([
    // A program that will not start since an update that worked.
    [
      'After the windows update to version 2004 the app said it was not compatible and would not start',
    ],
    // A browser's network error.
    ['After the install script the VM has no internet: ERR_NAME_NOT_RESOLVED, version 10.0.26100'],
    // A vendor's device software and the computer's BIOS.
    ['Intel Chipset Device Software for 20H2 fails to install'],
    ['The BIOS update fails on 22H2 laptops'],
    // An installer failing because of pending Windows updates.
    [
      'InnoSetup install sometimes fails due to Windows updates that need a reboot, Windows Update is the cause',
    ],
    // A program's own release with a five-digit part.
    [
      'WinFsp v1.12.22301: the driver fails to install on Windows 7 although all patches are applied',
    ],
    // A .NET program's exception beside a bug tag.
    [
      "[Bug]: Sandbox failed to initialize\nInstalled it from Windows Features. Exception of type 'System.Exception' was thrown.",
    ],
  ])('%j is off topic', (text) => {
    expect(readTopic(text)).toBe('off');
  });

  it.each([
    // Windows itself not starting after an update is ours.
    ['After the cumulative update the computer would not start, it rolls back'],
    // An update's own install failing because of the update service is ours.
    ['The KB install fails due to the Windows Update service being disabled'],
    // Windows Update's hosts quoted by an event.
    ['It fails to download from ctldl.windowsupdate.com every 10 minutes, error 12029'],
  ])('%j stays on topic', (text) => {
    expect(readTopic(text)).not.toBe('off');
  });
});

describe('resolver: a code nobody knows beside a plain description', () => {
  const rollback =
    'The cumulative update installs, then at the restart it says "Failure configuring Windows updates. Reverting changes" and rolls back.\n' +
    'C:\\Windows\\system32\\wbem\\mispace.mof: error SYNTAX 0X8004402f: Error creating temporary file';

  it('puts the described failure first and keeps the unknown code after it', () => {
    const { matches } = resolver.resolve(rollback);
    expect(matches[0]?.via).toBe('symptom');
    expect(matches[0]?.source).toBe('curated');
    expect(matches.at(-1)).toMatchObject({ code: '0x8004402F', source: 'unknown' });
  });

  it('answers the unknown code alone when the words describe nothing', () => {
    expect(codes('0xDEADBEEF')).toEqual(['0xDEADBEEF']);
    expect(codes('what is 0x8004402F?')).toEqual(['0x8004402F']);
  });

  it('never puts a description before a code it knows', () => {
    const known = rollback.replace('0X8004402f', '0x800F0922');
    expect(resolver.resolve(known).matches[0]).toMatchObject({ code: '0x800F0922', via: 'hex' });
  });
});
