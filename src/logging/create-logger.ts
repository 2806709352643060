/**
 * The one pino logger, handed to every part that logs. Secrets are redacted
 * by path as a second line of defence; the first is never logging them.
 */
import { type Logger, type LoggerOptions, pino } from 'pino';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  '*.authorization',
  '*.token',
  '*.botToken',
  '*.signingSecret',
  '*.appPassword',
  '*.password',
  'config.teams.appPassword',
  'config.slack.botToken',
  'config.slack.signingSecret',
  // HTTP client errors (axios, ts-http-runtime, fetch) can carry the request's headers.
  'err.request.headers',
  'err.response.headers',
  'err.config.headers',
  'err.response.request.headers',
];

/**
 * pino's error serializer, with an error's own `name` as its type: pino names
 * an error by its constructor, which the minified server bundle renames (it
 * keeps no function names, scripts/bundle-server.ts); errors that name
 * themselves (ours, RestError, AxiosError, FetchError) keep that name.
 */
export function serializeError(err: unknown): unknown {
  const out = pino.stdSerializers.err(err as Error) as unknown;
  if (out === err || typeof out !== 'object' || out === null) return out;
  const name = (err as { name?: unknown }).name;
  if (typeof name === 'string' && name !== '' && name !== 'Error') {
    (out as { type?: string }).type = name;
  }
  return out;
}

export function createLogger(
  level: LoggerOptions['level'] = 'info',
  destination?: pino.DestinationStream,
): Logger {
  const options: LoggerOptions = {
    name: 'wuerror',
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError },
    // A request's lines carry its id through the logger it is handled with (forRequest).
  };
  return destination ? pino(options, destination) : pino(options);
}
