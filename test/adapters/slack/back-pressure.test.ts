/**
 * Work after Slack's acknowledgement goes through a bounded queue: with room
 * for one running and one waiting, a burst of four slash commands gets two
 * answers (through their response_urls) and two "busy, try again" notes
 * carried by the acknowledgement itself, so saying "busy" costs no second
 * request to Slack; all four are acknowledged at once.
 */
import { afterEach, expect, it } from 'vitest';
import { type SlackHarness, startSlackHarness } from '../../support/slack-harness.js';

let slack: SlackHarness;
afterEach(async () => {
  expect(slack.problems).toEqual([]);
  await slack.close();
});

it('answers "busy" at once past the queue bound, and answers the rest', async () => {
  slack = await startSlackHarness({
    apiDelayMs: 200,
    env: { WORK_CONCURRENCY: '1', WORK_QUEUE_LIMIT: '1', WUERROR_SLASH_VISIBILITY: 'ephemeral' },
  });
  const started = performance.now();
  const acks = await Promise.all(
    ['0x80070422', '0x8024001E', '0x80070422', '0x8024001E'].map((code) =>
      slack.command(code, { channel_id: 'C0HELPDSK' }),
    ),
  );
  expect(acks.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  const ackBodies = await Promise.all(acks.map((r) => r.text()));
  // The first two were taken (one running, one waiting): an empty acknowledgement.
  expect(ackBodies.slice(0, 2)).toEqual(['', '']);
  for (const body of ackBodies.slice(2)) {
    const note = JSON.parse(body);
    expect(note.response_type).toBe('ephemeral');
    expect(JSON.stringify(note.blocks)).toMatch(/busy right now/);
    expect(note.text).toMatch(/busy right now/);
  }
  // The two answers: the deferred work done.
  await slack.handled(2);
  const busy = slack.calls.filter((c) => /busy right now/.test(JSON.stringify(c.body)));
  const answers = slack.calls.filter(
    (c) => c.api === 'response_url' && /0x8/.test(JSON.stringify(c.body)),
  );
  expect(busy).toHaveLength(0);
  expect(answers).toHaveLength(2);
  // Logged without a line each: the first at once, the rest counted within a second.
  await expect
    .poll(
      () =>
        slack.logs
          .filter((l) => l.code === 'WORK_REFUSED')
          .reduce((sum, l) => sum + (l.count as number), 0),
      { timeout: 3000 },
    )
    .toBe(2);
  expect(slack.logs.filter((l) => l.code === 'WORK_REFUSED')[0]).toMatchObject({
    reason: 'full',
    count: 1,
  });
  expect(performance.now() - started).toBeLessThan(6000);
  const metrics = await (await fetch(`${slack.app.url}/metrics`)).text();
  expect(metrics).toMatch(/wuerror_busy_total\{reason="full"\} 2/);
});
