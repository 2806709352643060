/**
 * Builds build/wuerror-teams.zip, the Teams app package to upload in Teams
 * or the Developer Portal.
 *
 *   MicrosoftAppId=<guid> [TEAMS_APP_ID=<guid>] npx tsx scripts/package-teams.ts
 *   npx tsx scripts/package-teams.ts --allow-placeholder   (dry run, all-zero GUID)
 *   npx tsx scripts/package-teams.ts --out-dir <dir>
 *
 * Everything runs offline: the schema is committed under manifests/teams/schema.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { packageTeamsApp } from './teams/package-app.js';
import { DEFAULT_OUT_DIR, TEAMS_MANIFEST_DIR, TEAMS_SCHEMA_PATH } from './teams/paths.js';
import { isTeamsPackageError } from './teams/teams-package-error.js';

const USAGE = 'usage: package-teams [--allow-placeholder] [--out-dir <dir>]';

function log(line: string): void {
  process.stdout.write(`package-teams: ${line}\n`);
}

async function main(): Promise<number> {
  let values: { 'allow-placeholder'?: boolean; 'out-dir'?: string };
  try {
    ({ values } = parseArgs({
      options: {
        'allow-placeholder': { type: 'boolean' },
        'out-dir': { type: 'string' },
      },
    }));
  } catch (error) {
    process.stderr.write(`package-teams: ${(error as Error).message}\n${USAGE}\n`);
    return 1;
  }
  try {
    const result = await packageTeamsApp({
      manifestDir: TEAMS_MANIFEST_DIR,
      schemaPath: TEAMS_SCHEMA_PATH,
      outDir: values['out-dir'] ? resolve(values['out-dir']) : DEFAULT_OUT_DIR,
      env: process.env,
      allowPlaceholder: values['allow-placeholder'] ?? false,
      log,
    });
    log(`wrote ${result.zipPath} (${result.bytes} bytes: ${result.files.join(', ')})`);
    if (result.appIds.isPlaceholder)
      log('dry run: set MicrosoftAppId to build an installable package');
    return 0;
  } catch (error) {
    if (!isTeamsPackageError(error)) throw error;
    process.stderr.write(`package-teams: ${error.code}: ${error.message}\n`);
    return 1;
  }
}

process.exitCode = await main();
