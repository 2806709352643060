/**
 * A logger for one request: every line it writes carries the request's
 * `reqId`. The child logger that adds it is made on the first line written
 * at a level the logger writes, not when the request starts: most requests
 * write nothing at the configured level (a busy Slack ack, a Teams message
 * at `warn`), and a pino child (with the metrics wrapper's around it) per
 * request would be made for nothing. A line below the level goes to the
 * parent logger unchanged (it writes nothing; the metrics still count its code).
 */
import type { Logger } from './logger.js';

/** pino's level values; a level not named here writes everything. */
const LEVELS: Record<string, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Number.POSITIVE_INFINITY,
};

type AnyLogFn = (first: object | string, message?: string) => void;

class RequestLogger implements Logger {
  readonly #parent: Logger;
  readonly #reqId: string;
  #child: Logger | undefined;

  constructor(parent: Logger, reqId: string) {
    this.#parent = parent;
    this.#reqId = reqId;
  }

  get level(): string {
    return this.#parent.level;
  }

  debug(first: object | string, message?: string): void {
    this.#write(LEVELS.debug as number, 'debug', first, message);
  }

  info(first: object | string, message?: string): void {
    this.#write(LEVELS.info as number, 'info', first, message);
  }

  warn(first: object | string, message?: string): void {
    this.#write(LEVELS.warn as number, 'warn', first, message);
  }

  error(first: object | string, message?: string): void {
    this.#write(LEVELS.error as number, 'error', first, message);
  }

  fatal(first: object | string, message?: string): void {
    this.#write(LEVELS.fatal as number, 'fatal', first, message);
  }

  child(fields: Record<string, unknown>): Logger {
    return this.#bound().child(fields);
  }

  #bound(): Logger {
    this.#child ??= this.#parent.child({ reqId: this.#reqId });
    return this.#child;
  }

  #write(
    value: number,
    level: 'debug' | 'info' | 'warn' | 'error' | 'fatal',
    first: object | string,
    message: string | undefined,
  ): void {
    // A line the level drops goes to the parent as it is: nothing is written, but what
    // wraps the parent still sees it (the metrics count codes whatever the level).
    const log = value < (LEVELS[this.#parent.level] ?? 0) ? this.#parent : this.#bound();
    const write = log[level] as AnyLogFn;
    if (typeof first === 'string') write.call(log, first);
    else write.call(log, first, message);
  }
}

/** `logger` with `reqId` on every line; `logger` itself when there is no id. */
export function forRequest(logger: Logger, reqId: string | undefined): Logger {
  return reqId === undefined ? logger : new RequestLogger(logger, reqId);
}
