/**
 * The one error packaging raises. The code says which check failed; the
 * message says why and what to do, and is what the CLI prints.
 */
export type TeamsPackageErrorCode =
  | 'APP_ID_MISSING' // MicrosoftAppId unset and no --allow-placeholder
  | 'APP_ID_INVALID' // an app id in the environment is not a GUID
  | 'PLACEHOLDER_UNFILLED' // the manifest names a ${{VAR}} nobody supplied
  | 'SCHEMA_UNSUPPORTED' // the schema is in a JSON Schema dialect we cannot check faithfully
  | 'MANIFEST_INVALID' // the filled manifest fails the schema
  | 'ICON_INVALID'; // an icon has the wrong size, colours or format

export class TeamsPackageError extends Error {
  readonly code: TeamsPackageErrorCode;

  constructor(code: TeamsPackageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TeamsPackageError';
    this.code = code;
  }
}

export function isTeamsPackageError(error: unknown): error is TeamsPackageError {
  return error instanceof TeamsPackageError;
}
