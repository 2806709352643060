/**
 * Where the Teams app's committed sources live. The schema is a copy of
 * Microsoft's MicrosoftTeams.schema.json v1.27 (reformatted by Biome, same JSON
 * value), kept in the repository so packaging works offline on a fresh clone.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TEAMS_MANIFEST_DIR = join(REPO_ROOT, 'manifests', 'teams');
export const TEAMS_SCHEMA_PATH = join(
  TEAMS_MANIFEST_DIR,
  'schema',
  'teams-manifest-v1.27.schema.json',
);
export const DEFAULT_OUT_DIR = join(REPO_ROOT, 'build');
export const ZIP_FILE_NAME = 'wuerror-teams.zip';
