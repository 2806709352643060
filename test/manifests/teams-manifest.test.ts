import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import pngjs from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { checkIcon, TEAMS_ICON_SPECS } from '../../scripts/teams/check-icons.js';
import { drawColorIcon, drawOutlineIcon } from '../../scripts/teams/draw-icons.js';
import { fillPlaceholders, listPlaceholders } from '../../scripts/teams/fill-placeholders.js';
import { type PackageOptions, packageTeamsApp } from '../../scripts/teams/package-app.js';
import { TEAMS_MANIFEST_DIR, TEAMS_SCHEMA_PATH } from '../../scripts/teams/paths.js';
import { resolveAppIds, ZERO_GUID } from '../../scripts/teams/resolve-app-ids.js';
import { createManifestValidator } from '../../scripts/teams/validate-manifest.js';

const { PNG } = pngjs;

type Json = Record<string, unknown>;

const template = JSON.parse(
  await readFile(join(TEAMS_MANIFEST_DIR, 'manifest.json'), 'utf8'),
) as Json;
const schema = JSON.parse(await readFile(TEAMS_SCHEMA_PATH, 'utf8')) as Json;
const validate = createManifestValidator(schema);
const colorIcon = await readFile(join(TEAMS_MANIFEST_DIR, 'color.png'));
const outlineIcon = await readFile(join(TEAMS_MANIFEST_DIR, 'outline.png'));

function toFilledManifest(botId = randomUUID(), appId = randomUUID()): Json {
  return fillPlaceholders(template, { MICROSOFT_APP_ID: botId, TEAMS_APP_ID: appId }) as Json;
}

function toPng(width: number, height: number, rgba: [number, number, number, number]): Buffer {
  const png = new PNG({ width, height });
  for (let offset = 0; offset < png.data.length; offset += 4) png.data.set(rgba, offset);
  return PNG.sync.write(png);
}

describe('the committed Teams manifest', () => {
  it('uses exactly the two id placeholders the packager fills', () => {
    expect(listPlaceholders(template).sort()).toEqual(['MICROSOFT_APP_ID', 'TEAMS_APP_ID']);
  });

  it('names the same manifest version as the committed schema', () => {
    const versionRule = (schema.properties as Json).manifestVersion as Json;
    expect(template.manifestVersion).toBe(versionRule.const);
    expect(template.$schema).toContain(`/v${String(versionRule.const)}/`);
  });

  it('validates against the schema once the ids are filled with GUIDs', () => {
    expect(validate(toFilledManifest())).toEqual([]);
  });

  it('fails the schema while the placeholders are still in it', () => {
    expect(validate(template).join('\n')).toMatch(/\/id: must match pattern/);
  });

  it('declares the bot, its scopes and the wuerror and help commands in every scope', () => {
    const [bot] = toFilledManifest().bots as Json[];
    expect(bot?.scopes).toEqual(['personal', 'team', 'groupChat']);
    // Log files people attach in personal chat.
    expect(bot?.supportsFiles).toBe(true);
    const lists = bot?.commandLists as { scopes: string[]; commands: { title: string }[] }[];
    expect(lists.flatMap((list) => list.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const list of lists) {
      expect(list.commands.map((command) => command.title)).toEqual(['wuerror', 'help']);
    }
  });
});

describe('createManifestValidator', () => {
  it('rejects a bot without scopes and says where', () => {
    const manifest = toFilledManifest();
    const [bot] = manifest.bots as Json[];
    delete bot?.scopes;
    expect(validate(manifest)).toContain("/bots/0: must have required property 'scopes'");
  });

  it('rejects the wrong manifestVersion and names the right one', () => {
    const problems = validate({ ...toFilledManifest(), manifestVersion: '1.25' });
    expect(problems).toContain('/manifestVersion: must be equal to constant ("1.27")');
  });

  it('lists every problem at once, including unknown properties', () => {
    const { developer: _, ...manifest } = toFilledManifest();
    const problems = validate({ ...manifest, id: 'not-a-guid', botName: 'x' });
    expect(problems).toEqual(
      expect.arrayContaining([
        "(manifest root): must have required property 'developer'",
        '(manifest root): must NOT have additional properties ("botName")',
        expect.stringMatching(/^\/id: must match pattern/),
      ]),
    );
  });

  it('refuses a schema that needs draft-04 semantics rather than misreading it', () => {
    const draft04 = {
      $schema: 'http://json-schema.org/draft-04/schema#',
      properties: { size: { type: 'number', minimum: 0, exclusiveMinimum: true } },
    };
    expect(() => createManifestValidator(draft04)).toThrow(/exclusiveMinimum must be number/);
    expect(() => createManifestValidator({ id: 'urn:x', type: 'object' })).toThrow(/"id"/);
  });
});

describe('fillPlaceholders', () => {
  /** `${{NAME}}`, written so it is not mistaken for a template literal gone wrong. */
  const toPlaceholder = (name: string) => `$\{{${name}}}`;

  it('fills every string, leaves other values alone and does not touch the input', () => {
    const input = {
      a: toPlaceholder('X'),
      b: [`pre-${toPlaceholder(' X ')}-post`, 3, null, true],
      c: { d: toPlaceholder('Y') },
    };
    expect(fillPlaceholders(input, { X: '1', Y: '2' })).toEqual({
      a: '1',
      b: ['pre-1-post', 3, null, true],
      c: { d: '2' },
    });
    expect(input.a).toBe(toPlaceholder('X'));
  });

  it('names every placeholder that has no value', () => {
    expect(() => fillPlaceholders({ a: toPlaceholder('X'), b: toPlaceholder('Y') }, {})).toThrow(
      expect.objectContaining({
        code: 'PLACEHOLDER_UNFILLED',
        message: expect.stringMatching(/X.*Y/),
      }),
    );
  });
});

describe('resolveAppIds', () => {
  const botId = '5f8a7c2e-1b3d-4e6f-9a0b-2c4d6e8f0a1b';
  const appId = '0c9e1d2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f';

  it('defaults the Teams app id to MicrosoftAppId', () => {
    expect(resolveAppIds({ MicrosoftAppId: botId }, { allowPlaceholder: false })).toEqual({
      microsoftAppId: botId,
      teamsAppId: botId,
      isPlaceholder: false,
    });
  });

  it('takes TEAMS_APP_ID when it is set', () => {
    const ids = resolveAppIds(
      { MicrosoftAppId: botId, TEAMS_APP_ID: appId },
      { allowPlaceholder: false },
    );
    expect(ids.teamsAppId).toBe(appId);
  });

  it('explains how to set MicrosoftAppId when it is missing or blank', () => {
    for (const env of [{}, { MicrosoftAppId: '  ' }, { TEAMS_APP_ID: appId }]) {
      expect(() => resolveAppIds(env, { allowPlaceholder: false })).toThrow(
        expect.objectContaining({
          code: 'APP_ID_MISSING',
          message: expect.stringMatching(/MicrosoftAppId[\s\S]*--allow-placeholder/),
        }),
      );
    }
  });

  it('uses the all-zero GUID for a dry run with --allow-placeholder', () => {
    expect(resolveAppIds({}, { allowPlaceholder: true })).toEqual({
      microsoftAppId: ZERO_GUID,
      teamsAppId: ZERO_GUID,
      isPlaceholder: true,
    });
  });

  it('rejects ids that are not GUIDs, naming each variable', () => {
    expect(() =>
      resolveAppIds({ MicrosoftAppId: 'abc', TEAMS_APP_ID: 'def' }, { allowPlaceholder: true }),
    ).toThrow(
      expect.objectContaining({
        code: 'APP_ID_INVALID',
        message: expect.stringMatching(/MicrosoftAppId[\s\S]*TEAMS_APP_ID/),
      }),
    );
  });
});

describe('the Teams icons', () => {
  it('are 192x192 colour and 32x32 white-on-transparent outline', () => {
    expect(PNG.sync.read(colorIcon)).toMatchObject({ width: 192, height: 192 });
    expect(PNG.sync.read(outlineIcon)).toMatchObject({ width: 32, height: 32 });
    expect(checkIcon('color.png', colorIcon, TEAMS_ICON_SPECS.color)).toEqual([]);
    expect(checkIcon('outline.png', outlineIcon, TEAMS_ICON_SPECS.outline)).toEqual([]);
  });

  it('are what scripts/teams/make-icons.ts draws today', () => {
    expect(drawColorIcon().equals(colorIcon)).toBe(true);
    expect(drawOutlineIcon().equals(outlineIcon)).toBe(true);
  });

  it('are rejected with the wrong size, colours or format', () => {
    expect(checkIcon('c.png', outlineIcon, TEAMS_ICON_SPECS.color)).toEqual([
      'c.png: is 32x32; Teams needs 192x192 for the color icon',
    ]);
    const [notWhite] = checkIcon(
      'o.png',
      toPng(32, 32, [255, 0, 0, 255]),
      TEAMS_ICON_SPECS.outline,
    );
    expect(notWhite).toMatch(
      /1024 visible pixel\(s\) are not white \(first at 0,0: rgba\(255, 0, 0, 255\)\)/,
    );
    expect(
      checkIcon('o.png', toPng(32, 32, [255, 255, 255, 255]), TEAMS_ICON_SPECS.outline),
    ).toEqual([
      'o.png: has no transparent pixels; the outline icon needs a transparent background',
    ]);
    expect(checkIcon('o.png', toPng(32, 32, [0, 0, 0, 0]), TEAMS_ICON_SPECS.outline)).toEqual([
      'o.png: is fully transparent; the outline icon needs a white glyph',
    ]);
    expect(checkIcon('x.png', Buffer.from('not a png'), TEAMS_ICON_SPECS.color)[0]).toMatch(
      /^x\.png: is not a readable PNG/,
    );
  });
});

describe('packageTeamsApp', () => {
  const tempDirs: string[] = [];
  afterEach(async () => {
    await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  async function createOptions(overrides: Partial<PackageOptions> = {}): Promise<PackageOptions> {
    const outDir = await mkdtemp(join(tmpdir(), 'wuerror-teams-'));
    tempDirs.push(outDir);
    return {
      manifestDir: TEAMS_MANIFEST_DIR,
      schemaPath: TEAMS_SCHEMA_PATH,
      outDir,
      env: {},
      allowPlaceholder: false,
      log: () => {},
      ...overrides,
    };
  }

  it('zips exactly manifest.json and the two icons at the root, with the ids filled', async () => {
    const botId = randomUUID();
    const result = await packageTeamsApp(await createOptions({ env: { MicrosoftAppId: botId } }));
    const archive = await readFile(result.zipPath);
    expect(result.bytes).toBe(archive.length);
    const zip = await JSZip.loadAsync(archive);
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse((await zip.file('manifest.json')?.async('string')) ?? '{}') as Json;
    expect(manifest.id).toBe(botId);
    expect((manifest.bots as Json[])[0]?.botId).toBe(botId);
    expect(validate(manifest)).toEqual([]);
    expect((await zip.file('color.png')?.async('nodebuffer'))?.equals(colorIcon)).toBe(true);
    expect((await zip.file('outline.png')?.async('nodebuffer'))?.equals(outlineIcon)).toBe(true);
  });

  it('builds a dry-run package with the all-zero GUID only when allowed, and says so', async () => {
    await expect(packageTeamsApp(await createOptions())).rejects.toMatchObject({
      code: 'APP_ID_MISSING',
    });
    const lines: string[] = [];
    const options = await createOptions({
      allowPlaceholder: true,
      log: (line) => lines.push(line),
    });
    const result = await packageTeamsApp(options);
    expect(result.appIds.isPlaceholder).toBe(true);
    expect(lines.join('\n')).toMatch(/dry run with the all-zero GUID/);
  });

  it('refuses an invalid manifest and writes no zip', async () => {
    const manifestDir = await mkdtemp(join(tmpdir(), 'wuerror-manifest-'));
    tempDirs.push(manifestDir);
    await cp(TEAMS_MANIFEST_DIR, manifestDir, { recursive: true });
    const broken = { ...template, manifestVersion: '1.25' };
    await writeFile(join(manifestDir, 'manifest.json'), JSON.stringify(broken));
    const options = await createOptions({ manifestDir, allowPlaceholder: true });
    await expect(packageTeamsApp(options)).rejects.toMatchObject({
      code: 'MANIFEST_INVALID',
      message: expect.stringContaining('/manifestVersion: must be equal to constant ("1.27")'),
    });
    await expect(readFile(join(options.outDir, 'wuerror-teams.zip'))).rejects.toThrow(/ENOENT/);
  });
});
