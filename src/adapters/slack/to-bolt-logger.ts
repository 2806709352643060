/**
 * Bolt and its Web API client log through their own Logger interface; this
 * routes them into our pino logger so there is one log, at one level, with
 * pino's redaction. Bolt's own level setting is ignored: pino's level rules.
 */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../logging/logger.js';

function toEntry(parts: unknown[]): [Record<string, unknown>, string] {
  const err = parts.find((p) => p instanceof Error);
  const text = parts
    .filter((p) => !(p instanceof Error))
    .map((p) => (typeof p === 'string' ? p : JSON.stringify(p)))
    .join(' ');
  return [err ? { err } : {}, text];
}

const LEVELS: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
};

/** pino's levels, lowest first. */
const ORDER = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

export function toBoltLogger(logger: Logger): BoltLogger {
  // Bolt and its Web API client log debug lines on every request whatever
  // the level; skip turning their arguments into JSON when nobody reads them.
  const writes = (level: string) => ORDER.indexOf(logger.level) <= ORDER.indexOf(level);
  return {
    debug: (...parts) => {
      if (writes('debug')) logger.debug(...toEntry(parts));
    },
    info: (...parts) => {
      if (writes('info')) logger.info(...toEntry(parts));
    },
    warn: (...parts) => logger.warn(...toEntry(parts)),
    error: (...parts) => logger.error(...toEntry(parts)),
    setLevel: () => {},
    getLevel: () => LEVELS[logger.level] ?? LogLevel.ERROR,
    setName: () => {},
  };
}
