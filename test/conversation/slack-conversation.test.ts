/**
 * Issue 10 through the real /slack/events endpoint with Slack-signed
 * requests, typed and clicked: the hand-off question takes yes and no, a
 * human is reachable from anywhere, a no-match offers next moves, small talk
 * keeps the flow, only the current card has buttons, and the ticketing
 * system's status callback answers in the thread of the hand-off.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, textOf } from '../support/check-block-kit.js';
import {
  CHANNEL,
  fixture,
  type Json,
  type SlackHarness,
  startSlackHarness,
} from '../support/slack-harness.js';

const WEBHOOK = 'https://helpdesk.example';
const SECRET = 'callback-secret-0123456789';
const ROOT = fixture('event-channel-message').event.ts as string;

let slack: SlackHarness;
afterEach(async () => {
  expect(slack.problems).toEqual([]);
  await slack.close();
});

function helpdesk(): Json[] {
  const received: Json[] = [];
  nock(WEBHOOK)
    .persist()
    .post('/hook')
    .reply((_uri, body) => {
      received.push(body);
      return [200, { ticket: { id: 'INC0012345', url: 'https://helpdesk.example/t/INC0012345' } }];
    });
  return received;
}

async function start() {
  slack = await startSlackHarness({
    env: { HELPDESK_WEBHOOK_URL: `${WEBHOOK}/hook`, HELPDESK_CALLBACK_SECRET: SECRET },
  });
}

let requests = 0;
/** Posts a message in the thread of the first channel message, and waits for its answer. */
async function inThread(text: string) {
  await slack.event('event-channel-message', {
    text,
    ts: `17322669${String(++requests).padStart(2, '0')}.000100`,
    thread_ts: ROOT,
  });
  await slack.handled(requests + 1);
}
async function opening(text = 'PC-042 keeps failing with 0x80242014') {
  requests = 0;
  await slack.event('event-channel-message', { text });
  await slack.handled(1);
}
const lastInThread = () => slack.thread(ROOT).at(-1) as Json;

describe('Slack: the conversation never dead-ends', () => {
  it('"yes please" to "Shall I hand it to a human?" hands it over, with the ticket', async () => {
    const received = helpdesk();
    await start();
    await opening();
    for (let i = 0; i < 20 && !/last step I have/.test(textOf(lastInThread())); i++)
      await inThread('still failing');
    await inThread('yes please');
    const text = textOf(lastInThread());
    expect(text).toContain('Handed to the helpdesk');
    expect(text).toContain('<https://helpdesk.example/t/INC0012345|Open ticket INC0012345>');
    expect(text).not.toContain('it is fixed');
    expect(received).toHaveLength(1);
  });

  it('"I need a human" in a DM with nothing in progress hands over', async () => {
    const received = helpdesk();
    await start();
    await slack.event('event-direct-message', { text: 'I need a human' });
    await slack.handled(1);
    expect(textOf(slack.messages.at(-1) ?? {})).toContain('not identified yet');
    expect(received[0]).toMatchObject({ error: null, said: ['I need a human'] });
  });

  it('a no-match offers next moves as buttons; clicking "Talk to a human" hands over', async () => {
    const received = helpdesk();
    await start();
    await slack.event('event-direct-message', { text: 'the printer is jammed' });
    await slack.handled(1);
    const noMatch = slack.messages.at(-1) as Json;
    expect(buttonsOf(noMatch)).toEqual([
      'Describe it differently',
      'Paste the error or log',
      'Talk to a human',
    ]);
    await slack.click(noMatch, 'Talk to a human');
    await slack.handled(2);
    expect(received[0]).toMatchObject({ said: ['the printer is jammed'] });
    expect(buttonsOf(slack.messages.find((m) => m.ts === noMatch.ts) ?? {})).toEqual([]);
  });

  it('"thanks" mid-flow is one line and the flow stays where it is', async () => {
    await start();
    await opening('PC-042 keeps failing with 0x8024401B');
    await inThread('thanks');
    expect(textOf(lastInThread())).toMatch(/^You are welcome\. We are on step 1 of/);
    expect(buttonsOf(slack.thread(ROOT)[0] ?? {})).not.toEqual([]);
    await inThread('still failing');
    expect(lastInThread().text).toMatch(/step 2 of/);
  });

  it('a typed answer takes the buttons off the previous card', async () => {
    await start();
    await opening('PC-042 keeps failing with 0x8024401B');
    const step1 = slack.thread(ROOT)[0] as Json;
    await inThread('skip');
    const edits = slack.calls.filter((c) => c.api === 'chat.update');
    expect(edits.map((c) => c.body.ts)).toEqual([step1.ts]);
    expect(buttonsOf(slack.thread(ROOT)[0] ?? {})).toEqual([]);
    expect(buttonsOf(lastInThread())).not.toEqual([]);
  });

  it('the status callback answers in the thread of the hand-off, once', async () => {
    helpdesk();
    await start();
    await opening('PC-042 keeps failing with 0x8024401B');
    await inThread('I need a human');
    const flowId = /\*Reference:\* (\S+)/.exec(textOf(lastInThread()))?.[1] as string;
    const before = slack.thread(ROOT).length;
    const call = (secret: string, id = flowId) =>
      fetch(`${slack.app.url}/api/handoff/${id}/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        body: JSON.stringify({ status: 'picked-up', by: 'Dana' }),
      });
    expect((await call('wrong')).status).toBe(401);
    expect((await call(SECRET, 'unknown-flow')).status).toBe(404);
    expect((await call(SECRET)).status).toBe(202);
    expect((await call(SECRET)).status).toBe(202);
    expect(slack.thread(ROOT)).toHaveLength(before + 1);
    expect(lastInThread()).toMatchObject({ channel: CHANNEL, threadTs: ROOT });
    expect(textOf(lastInThread())).toContain('Dana picked up ticket INC0012345.');
    for (const code of [
      'HANDOFF_CALLBACK_UNAUTHORIZED',
      'HANDOFF_CALLBACK_UNKNOWN_FLOW',
      'HANDOFF_CALLBACK_REPLAY',
    ])
      expect(slack.logs.some((l) => l.code === code)).toBe(true);
  });

  it('the status callback reaches a private slash-command asker with an ephemeral message', async () => {
    helpdesk();
    slack = await startSlackHarness({
      env: {
        HELPDESK_WEBHOOK_URL: `${WEBHOOK}/hook`,
        HELPDESK_CALLBACK_SECRET: SECRET,
        WUERROR_SLASH_VISIBILITY: 'ephemeral',
      },
    });
    await slack.command('I need a human');
    await slack.handled(1);
    const flowId = /\*Reference:\* (\S+)/.exec(textOf(slack.messages.at(-1) ?? {}))?.[1] as string;
    const res = await fetch(`${slack.app.url}/api/handoff/${flowId}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` },
      body: JSON.stringify({ status: 'resolved', by: 'Dana' }),
    });
    expect(res.status).toBe(202);
    const call = slack.calls.find((c) => c.api === 'chat.postEphemeral');
    expect(call?.body).toMatchObject({ channel: CHANNEL, user: fixtureUser() });
    expect(textOf(slack.messages.at(-1) ?? {})).toContain(
      'Dana marked ticket INC0012345 as resolved.',
    );
  });
});

function fixtureUser(): string {
  const form = new URLSearchParams(
    readFileSync(
      join(import.meta.dirname, '..', 'fixtures', 'slack', 'slash-command.form'),
      'utf8',
    ),
  );
  return form.get('user_id') as string;
}
