/**
 * botbuilder writes to the console (a stack trace per refused request, the
 * public key on a bad signature, "jwt expired"). Our code never does, so in
 * the server every console call is routed into the one JSON log at debug
 * level, with code BOTBUILDER_LOG: one log, pino's redaction, and tokens or
 * keys in the text replaced before it is written. The refusal itself is
 * logged once by the adapter, with its own code.
 */
import { format } from 'node:util';
import type { LogCode } from '../errors.js';
import type { Logger } from './logger.js';

const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/** What must never reach a log line even at debug level: tokens, secrets in headers, keys. */
export function scrub(text: string): string {
  return text
    .replace(/eyJ[\w-]*\.[\w-]*\.[\w-]*/g, '[token]')
    .replace(/\b(Bearer|Basic)\s+\S+/gi, '$1 [redacted]')
    .replace(/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g, '[key]')
    .slice(0, 2_000);
}

/** Routes console.* into `logger`; returns the function that puts the console back. */
export function routeConsole(logger: Logger): () => void {
  const saved = METHODS.map((name) => [name, console[name]] as const);
  for (const name of METHODS) {
    console[name] = (...parts: unknown[]) => {
      const err = parts.find((part) => part instanceof Error) as Error | undefined;
      const text = scrub(format(...parts.filter((part) => part !== err)));
      logger.debug(
        {
          source: `console.${name}`,
          ...(err ? { err: { type: err.name, message: scrub(err.message) } } : {}),
          code: 'BOTBUILDER_LOG' satisfies LogCode,
        },
        text || (err ? scrub(err.message) : ''),
      );
    };
  }
  return () => {
    for (const [name, original] of saved) console[name] = original;
  };
}
