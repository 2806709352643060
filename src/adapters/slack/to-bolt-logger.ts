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

export function toBoltLogger(logger: Logger): BoltLogger {
  return {
    debug: (...parts) => logger.debug(...toEntry(parts)),
    info: (...parts) => logger.info(...toEntry(parts)),
    warn: (...parts) => logger.warn(...toEntry(parts)),
    error: (...parts) => logger.error(...toEntry(parts)),
    setLevel: () => {},
    getLevel: () => LEVELS[logger.level] ?? LogLevel.ERROR,
    setName: () => {},
  };
}
