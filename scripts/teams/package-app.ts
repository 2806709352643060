/**
 * Builds the Teams app package: fills the app ids into the manifest,
 * validates it offline against the committed schema, checks the icons and
 * zips manifest.json with the icons at the root, as Teams expects.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import JSZip from 'jszip';
import { checkIcon, TEAMS_ICON_SPECS } from './check-icons.js';
import { fillPlaceholders } from './fill-placeholders.js';
import { ZIP_FILE_NAME } from './paths.js';
import { type AppIdEnv, type AppIds, resolveAppIds } from './resolve-app-ids.js';
import { TeamsPackageError } from './teams-package-error.js';
import { createManifestValidator } from './validate-manifest.js';

export interface PackageOptions {
  /** Holds manifest.json and the icons it names. */
  manifestDir: string;
  schemaPath: string;
  outDir: string;
  env: AppIdEnv;
  allowPlaceholder: boolean;
  log: (line: string) => void;
}

export interface PackageResult {
  zipPath: string;
  bytes: number;
  appIds: AppIds;
  files: string[];
}

/** A fixed timestamp for every zip entry, so the same inputs give the same bytes. */
const ZIP_ENTRY_DATE = new Date('2000-01-01T00:00:00Z');

interface ManifestIcons {
  icons: { color: string; outline: string };
}

export async function packageTeamsApp(options: PackageOptions): Promise<PackageResult> {
  const { manifestDir, schemaPath, outDir, log } = options;
  const manifestPath = join(manifestDir, 'manifest.json');
  log(`reading ${displayPath(manifestPath)}`);
  const template: unknown = JSON.parse(await readFile(manifestPath, 'utf8'));

  const appIds = resolveAppIds(options.env, { allowPlaceholder: options.allowPlaceholder });
  if (appIds.isPlaceholder) {
    log(
      `MicrosoftAppId is not set: dry run with the all-zero GUID ${appIds.microsoftAppId} ` +
        '(--allow-placeholder); this package is for checking only, not for installing',
    );
  }
  log(`filling ids: botId ${appIds.microsoftAppId}, app id ${appIds.teamsAppId}`);
  const manifest = fillPlaceholders(template, {
    MICROSOFT_APP_ID: appIds.microsoftAppId,
    TEAMS_APP_ID: appIds.teamsAppId,
  });

  log(`validating against ${displayPath(schemaPath)} (offline)`);
  const schema = JSON.parse(await readFile(schemaPath, 'utf8')) as Record<string, unknown>;
  const problems = createManifestValidator(schema)(manifest);
  if (problems.length > 0) {
    throw new TeamsPackageError(
      'MANIFEST_INVALID',
      `${displayPath(manifestPath)} does not match the schema:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }

  const { icons } = manifest as ManifestIcons;
  const iconFiles = await readIcons(manifestDir, icons, log);

  const zip = new JSZip();
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  zip.file('manifest.json', manifestText, { date: ZIP_ENTRY_DATE });
  for (const [name, data] of iconFiles) zip.file(name, data, { date: ZIP_ENTRY_DATE });
  const archive = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });

  await mkdir(outDir, { recursive: true });
  const zipPath = join(outDir, ZIP_FILE_NAME);
  await writeFile(zipPath, archive);
  return {
    zipPath,
    bytes: archive.length,
    appIds,
    files: ['manifest.json', ...iconFiles.keys()],
  };
}

async function readIcons(
  manifestDir: string,
  icons: ManifestIcons['icons'],
  log: (line: string) => void,
): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const problems: string[] = [];
  for (const kind of ['color', 'outline'] as const) {
    const spec = TEAMS_ICON_SPECS[kind];
    const name = icons[kind];
    log(`checking ${kind} icon ${name} (${spec.width}x${spec.height})`);
    if (/[\\/]/.test(name)) {
      // Keeps the package flat, which is the layout Teams and the Developer Portal expect.
      problems.push(`${name}: icons must sit next to manifest.json, not in a folder`);
      continue;
    }
    const data = await readFile(join(manifestDir, name));
    problems.push(...checkIcon(name, data, spec));
    files.set(name, data);
  }
  if (problems.length > 0) {
    throw new TeamsPackageError(
      'ICON_INVALID',
      `The icons are not valid for Teams:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  return files;
}

/** Paths under the working directory print relative, so logs stay short. */
function displayPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown && !shown.startsWith('..') ? shown : path;
}
