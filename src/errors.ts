/**
 * The few named errors the program raises. Each carries a string code so that
 * logs and tests match on the code, not on wording. "No match" is not an
 * error: it is a normal reply.
 */
export type WuerrorErrorCode =
  | 'KNOWLEDGE_INVALID' // a knowledge file failed validation
  | 'CONFIG_INVALID' // environment variables failed validation
  | 'USAGE' // bad command-line arguments
  | 'STATE_CONFLICT' // the state changed since it was loaded (compare-and-set lost)
  | 'STORE_UNAVAILABLE'; // the state store (Redis) did not answer

export class WuerrorError extends Error {
  readonly code: WuerrorErrorCode;

  constructor(code: WuerrorErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WuerrorError';
    this.code = code;
  }
}

export function isWuerrorError(error: unknown): error is WuerrorError {
  return error instanceof WuerrorError;
}
