import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { limitPerIp, WINDOW_MS } from '../../src/server/rate-limit.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {}, fatal() {}, level: 'silent' };
const logger = { ...quiet, child: () => logger };

/** Runs one request from `ip` through the guard: 'passed' or the status it was answered with. */
function requestFrom(guard: ReturnType<typeof limitPerIp>, ip: string): 'passed' | number {
  let outcome: 'passed' | number = 'passed';
  const res = {
    set: () => res,
    status(code: number) {
      outcome = code;
      return res;
    },
    json: () => res,
  };
  guard(
    { ip, socket: {}, originalUrl: '/api/messages' } as unknown as Request,
    res as unknown as Response,
    () => {},
  );
  return outcome;
}

describe('per-IP flood guard', () => {
  it('lets perMinute requests per client through in a window, refuses the rest, and starts again after it', () => {
    let at = 1_000_000;
    const guard = limitPerIp(3, logger, () => at);
    const a = () => requestFrom(guard, '203.0.113.1');
    expect([a(), a(), a(), a(), a()]).toEqual(['passed', 'passed', 'passed', 429, 429]);
    expect(requestFrom(guard, '203.0.113.2')).toBe('passed');
    // The window runs from the first request; refused ones do not extend it.
    at += WINDOW_MS - 1;
    expect(a()).toBe(429);
    at += 1;
    expect([a(), a(), a(), a()]).toEqual(['passed', 'passed', 'passed', 429]);
  });

  it('lets everything through when off (0)', () => {
    const guard = limitPerIp(0, logger);
    expect(Array.from({ length: 5 }, () => requestFrom(guard, '203.0.113.1'))).toEqual(
      Array(5).fill('passed'),
    );
  });

  it('keeps memory bounded under a flood of addresses, still counting the current ones', () => {
    let at = 0;
    const guard = limitPerIp(1, logger, () => at);
    for (let i = 0; i < 100_000; i++)
      requestFrom(guard, `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
    at += WINDOW_MS;
    // Past the bound the ended windows go; a new client is counted from 1.
    expect(requestFrom(guard, '198.51.100.7')).toBe('passed');
    expect(requestFrom(guard, '198.51.100.7')).toBe(429);
  });
});
