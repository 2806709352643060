/**
 * Work after Slack's acknowledgement goes through a bounded queue: with room
 * for one running and one waiting, a burst of four slash commands gets two
 * answers and two immediate "busy, try again" notes, each through its own
 * response_url; all four are acknowledged at once.
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
  // Two answers and two "busy" notes: four pieces of deferred work done.
  await slack.handled(4);
  const busy = slack.calls.filter(
    (c) => c.api === 'response_url' && /busy right now/.test(JSON.stringify(c.body)),
  );
  const answers = slack.calls.filter(
    (c) => c.api === 'response_url' && /0x8/.test(JSON.stringify(c.body)),
  );
  expect(busy).toHaveLength(2);
  expect(answers).toHaveLength(2);
  expect(busy.every((c) => c.body.response_type === 'ephemeral')).toBe(true);
  expect(slack.logs.filter((l) => l.code === 'WORK_REFUSED')).toHaveLength(2);
  expect(performance.now() - started).toBeLessThan(5000);
  const metrics = await (await fetch(`${slack.app.url}/metrics`)).text();
  expect(metrics).toMatch(/wuerror_busy_total\{reason="full"\} 2/);
});
