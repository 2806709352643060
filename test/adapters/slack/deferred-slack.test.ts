/**
 * Slack loaded once the server listens: nothing is loaded before start() or
 * a first use, it is loaded once, and what comes before it waits for it.
 */
import type { NextFunction, Request, Response } from 'express';
import { describe, expect, it, vi } from 'vitest';
import type { SlackTransport } from '../../../src/adapters/slack/create-slack-app.js';
import { deferSlack } from '../../../src/adapters/slack/deferred-slack.js';
import { SLACK_PATH } from '../../../src/adapters/slack/slack-path.js';

function fakeSlack(mode: SlackTransport['mode']) {
  const calls: string[] = [];
  const transport: SlackTransport = {
    mode,
    endpoint:
      mode === 'http'
        ? {
            path: SLACK_PATH,
            handler: (_req, res) => {
              calls.push('request');
              (res as unknown as { done: boolean }).done = true;
            },
          }
        : undefined,
    notify: async () => {
      calls.push('notify');
    },
    start: async () => {
      calls.push('start');
    },
    stop: async () => {
      calls.push('stop');
    },
  };
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const load = vi.fn(async () => {
    await gate;
    return transport;
  });
  return { calls, load, release };
}

describe('deferSlack', () => {
  it('loads nothing until start, then once', async () => {
    const fake = fakeSlack('socket');
    const slack = deferSlack('socket', fake.load);
    expect(slack.mode).toBe('socket');
    expect(slack.endpoint).toBeUndefined();
    expect(fake.load).not.toHaveBeenCalled();
    const started = slack.start();
    fake.release();
    await started;
    await slack.notify({}, { kind: 'noop' } as never);
    expect(fake.load).toHaveBeenCalledTimes(1);
    expect(fake.calls).toEqual(['start', 'notify']);
  });

  it('holds a Slack request that comes before loading is done, then hands it on', async () => {
    const fake = fakeSlack('http');
    const slack = deferSlack('http', fake.load);
    expect(slack.endpoint?.path).toBe(SLACK_PATH);
    const res = { done: false };
    const next = vi.fn() as unknown as NextFunction;
    slack.endpoint?.handler({} as Request, res as unknown as Response, next);
    await new Promise((r) => setTimeout(r, 10));
    expect(res.done).toBe(false);
    fake.release();
    await vi.waitFor(() => expect(res.done).toBe(true));
    expect(fake.calls).toEqual(['request']);
    expect(next).not.toHaveBeenCalled();
  });

  it('passes a failed load to the request as an error', async () => {
    const slack = deferSlack('http', async () => {
      throw new Error('no Bolt');
    });
    const next = vi.fn();
    slack.endpoint?.handler({} as Request, {} as Response, next);
    await vi.waitFor(() => expect(next).toHaveBeenCalledWith(expect.any(Error)));
  });

  it('stops without loading when it was never loaded', async () => {
    const fake = fakeSlack('http');
    await deferSlack('http', fake.load).stop();
    expect(fake.load).not.toHaveBeenCalled();
  });
});
