/**
 * The narrow logger every part takes: structured fields first, then a short
 * message, and `child` for a part's own fields. pino's logger satisfies it;
 * nothing outside `logging/` and the composition roots needs pino itself.
 */
export interface LogFn {
  (fields: object, message?: string): void;
  (message: string): void;
}

export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  fatal: LogFn;
  child(fields: Record<string, unknown>): Logger;
  /** The lowest level written (pino's names: 'debug', 'info', ...). */
  level: string;
}
