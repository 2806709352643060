/**
 * Turns the environment into the two ids the manifest needs. MicrosoftAppId
 * is the botbuilder convention for the bot's Entra app registration; the Teams
 * app id defaults to it because one registration per bot is the usual setup.
 */
import { z } from 'zod';
import { TeamsPackageError } from './teams-package-error.js';

export const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

export interface AppIds {
  microsoftAppId: string;
  teamsAppId: string;
  /** True when MicrosoftAppId was unset and the all-zero GUID stands in for a dry run. */
  isPlaceholder: boolean;
}

export type AppIdEnv = Readonly<Record<string, string | undefined>>;

const AppIdEnvSchema = z.object({
  MicrosoftAppId: z.guid('MicrosoftAppId must be a GUID (8-4-4-4-12 hex digits)').optional(),
  TEAMS_APP_ID: z.guid('TEAMS_APP_ID must be a GUID (8-4-4-4-12 hex digits)').optional(),
});

/** Blank and whitespace-only values count as unset, as they do in most .env loaders. */
function toOptional(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export function resolveAppIds(env: AppIdEnv, options: { allowPlaceholder: boolean }): AppIds {
  const parsed = AppIdEnvSchema.safeParse({
    MicrosoftAppId: toOptional(env.MicrosoftAppId),
    TEAMS_APP_ID: toOptional(env.TEAMS_APP_ID),
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.message}`);
    throw new TeamsPackageError('APP_ID_INVALID', `Invalid app ids:\n${problems.join('\n')}`);
  }
  const { MicrosoftAppId, TEAMS_APP_ID } = parsed.data;
  if (MicrosoftAppId) {
    return {
      microsoftAppId: MicrosoftAppId,
      teamsAppId: TEAMS_APP_ID ?? MicrosoftAppId,
      isPlaceholder: false,
    };
  }
  if (!options.allowPlaceholder) {
    throw new TeamsPackageError(
      'APP_ID_MISSING',
      [
        'MicrosoftAppId is not set.',
        "Set it to the bot's Microsoft App ID (the application (client) ID of its Entra app",
        'registration, a GUID), for example:',
        '  MicrosoftAppId=<guid> npm run package:teams',
        'TEAMS_APP_ID (the Teams app id) defaults to the same value; set it to use a different one.',
        'For a dry run without a real id, pass --allow-placeholder:',
        '  npm run package:teams -- --allow-placeholder',
      ].join('\n'),
    );
  }
  return { microsoftAppId: ZERO_GUID, teamsAppId: TEAMS_APP_ID ?? ZERO_GUID, isPlaceholder: true };
}
