/**
 * Offline validation of a Teams app manifest against Microsoft's JSON schema.
 *
 * The Teams schemas declare JSON Schema draft-04, which Ajv 8 does not ship
 * (that needs the separate ajv-draft-04 package). They use nothing whose
 * meaning changed after draft-04, though (they even use draft-06's `const`),
 * so the body is compiled as Ajv's default draft-07 dialect with strict
 * schema checks on. That is safe, not hopeful: the draft-07 meta-schema
 * rejects draft-04's boolean exclusiveMinimum/exclusiveMaximum, and strict
 * mode rejects draft-04's `id`, so a schema that relied on either would fail
 * to compile instead of being checked with the wrong meaning. (Ajv also applies
 * keywords written next to `$ref`, which both drafts ignore; in v1.27 those are
 * four `type` siblings in Office add-in definitions, none of them on a bot's path.)
 */
import { Ajv, type ErrorObject } from 'ajv';
import ajvFormats from 'ajv-formats';
import { TeamsPackageError } from './teams-package-error.js';

// ajv-formats is CommonJS whose module.exports is the plugin and also carries it as
// `.default`; only the latter type-checks under NodeNext, and both work at run time.
const addFormats = ajvFormats.default;

const DRAFT_04 = 'http://json-schema.org/draft-04/schema#';
const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

/** Every problem with a manifest, one line each; empty when it is valid. */
export type ManifestValidator = (manifest: unknown) => string[];

export function createManifestValidator(
  schema: Readonly<Record<string, unknown>>,
): ManifestValidator {
  const { $schema: dialect, ...body } = schema;
  if (dialect !== undefined && dialect !== DRAFT_04 && dialect !== DRAFT_07) {
    throw new TeamsPackageError(
      'SCHEMA_UNSUPPORTED',
      `The manifest schema declares ${String(dialect)}; this validator handles draft-04 and draft-07 only.`,
    );
  }
  const ajv = new Ajv({
    allErrors: true,
    // Microsoft's schema puts additionalProperties/maxItems next to $ref without `type` and
    // names `required` properties only inside `dependencies`; both are valid, so these
    // advisory checks are off rather than printing warnings on every run.
    strictTypes: false,
    strictRequired: false,
  });
  addFormats(ajv);
  let validate: ReturnType<Ajv['compile']>;
  try {
    validate = ajv.compile(body);
  } catch (error) {
    throw new TeamsPackageError(
      'SCHEMA_UNSUPPORTED',
      `The manifest schema does not compile: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return (manifest) => (validate(manifest) ? [] : (validate.errors ?? []).map(toProblem));
}

/** One readable line per Ajv error, e.g. `/bots/0: must have required property 'scopes'`. */
export function toProblem(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(manifest root)' : error.instancePath;
  const params = error.params as Record<string, unknown>;
  let detail = '';
  if ('additionalProperty' in params) {
    detail = ` (${JSON.stringify(params.additionalProperty)})`;
  } else if ('allowedValue' in params) {
    detail = ` (${JSON.stringify(params.allowedValue)})`;
  } else if ('allowedValues' in params) {
    detail = `: ${JSON.stringify(params.allowedValues)}`;
  }
  return `${where}: ${error.message ?? error.keyword}${detail}`;
}
