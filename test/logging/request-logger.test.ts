import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/create-logger.js';
import type { Logger } from '../../src/logging/logger.js';
import { forRequest } from '../../src/logging/request-logger.js';

function capture(level: string): { lines: Array<Record<string, unknown>>; logger: Logger } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger(level as 'info', stream) };
}

describe('forRequest', () => {
  it('writes the request id on every line, with the logger’s own fields', () => {
    const { lines, logger } = capture('debug');
    const log = forRequest(logger.child({ part: 'teams' }), 'req-1');
    log.info({ code: 'X' }, 'with fields');
    log.warn('text only');
    log.child({ turnId: 't1' }).error({ n: 1 }, 'deeper');
    expect(lines).toEqual([
      expect.objectContaining({ part: 'teams', reqId: 'req-1', code: 'X', msg: 'with fields' }),
      expect.objectContaining({ part: 'teams', reqId: 'req-1', level: 40, msg: 'text only' }),
      expect.objectContaining({ part: 'teams', reqId: 'req-1', turnId: 't1', msg: 'deeper' }),
    ]);
    expect(log.level).toBe('debug');
  });

  it('makes its child logger only for a line that is written, once', () => {
    const { logger } = capture('warn');
    let children = 0;
    const counting: Logger = {
      ...logger,
      debug: logger.debug.bind(logger),
      info: logger.info.bind(logger),
      warn: logger.warn.bind(logger),
      error: logger.error.bind(logger),
      fatal: logger.fatal.bind(logger),
      level: logger.level,
      child(fields) {
        children++;
        return logger.child(fields);
      },
    };
    const log = forRequest(counting, 'req-2');
    log.debug({ a: 1 }, 'not written');
    log.info('not written either');
    expect(children).toBe(0);
    log.warn('written');
    log.error({ b: 2 }, 'written too');
    expect(children).toBe(1);
  });

  it('hands a line below the level to the parent, so the metrics still count its code', async () => {
    const { createMetrics } = await import('../../src/observability/metrics.js');
    const metrics = createMetrics();
    const log = forRequest(metrics.countCodes(createLogger('error')), 'req-3');
    log.info({ code: 'TEAMS_REPLAY_IGNORED' }, 'replay');
    log.warn({ code: 'RATE_LIMITED' }, 'too many turns');
    const text = await metrics.registry.metrics();
    expect(text).toContain('wuerror_dedupe_hits_total{platform="teams"} 1');
    expect(text).toContain('wuerror_rate_limited_total{scope="turn"} 1');
  });

  it('is the logger itself when there is no request id', () => {
    const { logger } = capture('info');
    expect(forRequest(logger, undefined)).toBe(logger);
  });
});
