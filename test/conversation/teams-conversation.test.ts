/**
 * Issue 10 through the real /api/messages endpoint with Teams-shaped
 * activities, typed and clicked: every question takes the answers it asks
 * for, a human is reachable from anywhere, no reply is a dead end, small
 * talk keeps the flow, only the current card has buttons, channel messages
 * need no @mention when they name a code, and the hand-off closes the loop
 * (ticket from the webhook, status callback back into the conversation).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStoreIn } from '../../src/storage/sqlite-store.js';
import {
  buttonTitles,
  cardText,
  clickOn,
  executeOn,
  fixture,
  type Json,
  say,
  startTeamsHarness,
  type TeamsHarness,
} from '../support/teams-harness.js';
import { cardProblems } from '../support/validate-adaptive-card.js';

const WEBHOOK = 'https://helpdesk.example';
const SECRET = 'callback-secret-0123456789';
const TICKET = { id: 'INC0012345', url: 'https://helpdesk.example/ticket/INC0012345' };

let h: TeamsHarness | undefined;
afterEach(async () => {
  for (const { card } of h?.cards() ?? []) expect(cardProblems(card)).toEqual([]);
  await h?.close();
  h = undefined;
});

/** The helpdesk webhook: records each summary and answers with a ticket. */
function helpdesk(): Json[] {
  const received: Json[] = [];
  nock(WEBHOOK)
    .persist()
    .post('/hook')
    .reply((_uri, body) => {
      received.push(body);
      return [200, { ticket: TICKET }];
    });
  return received;
}

async function start(env: Record<string, string> = {}) {
  h = await startTeamsHarness({
    env: { HELPDESK_WEBHOOK_URL: `${WEBHOOK}/hook`, HELPDESK_CALLBACK_SECRET: SECRET, ...env },
  });
  return h;
}

const last = (harness: TeamsHarness) => {
  const card = harness.cards().at(-1);
  if (!card) throw new Error('no card');
  return card;
};
const titles = buttonTitles;

/** Types "still failing" until the bot asks whether to hand it on. */
async function toLastStep(harness: TeamsHarness, code = '0x80242014') {
  await harness.post(say(code));
  for (let i = 0; i < 20 && !/last step I have/.test(cardText(last(harness).card)); i++)
    await harness.post(say('still failing'));
  expect(cardText(last(harness).card)).toContain('Shall I hand it to a human');
}

describe('Teams: the questions take the answers they ask for', () => {
  it.each(['yes', 'yes please', 'Yep', 'go ahead'])(
    '"%s" to "Shall I hand it to a human?" hands it over, with the ticket',
    async (answer) => {
      const received = helpdesk();
      const harness = await start();
      await toLastStep(harness);
      await harness.post(say(answer));
      const text = cardText(last(harness).card);
      expect(text).not.toContain('it is fixed');
      expect(text).toContain('Handed to the helpdesk');
      expect(text).toContain('INC0012345');
      expect(JSON.stringify(last(harness).card)).toContain(`](${TICKET.url})`);
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ type: 'wuerror.handoff', error: { code: '0x80242014' } });
    },
  );

  it.each(['no', 'no thanks', 'nope'])(
    '"%s" to it declines without closing as fixed',
    async (answer) => {
      const received = helpdesk();
      const harness = await start();
      await toLastStep(harness);
      const before = harness.cards().length;
      await harness.post(say(answer));
      const text = cardText(last(harness).card);
      expect(harness.cards()).toHaveLength(before + 1);
      expect(text).toMatch(/will not hand it on/);
      expect(text).not.toMatch(/fixed/i);
      expect(received).toEqual([]);
    },
  );

  it('a click on "Hand it to a human" hands it over too', async () => {
    const received = helpdesk();
    const harness = await start();
    await toLastStep(harness);
    await harness.post(clickOn(last(harness), 'Hand it to a human'));
    expect(cardText(last(harness).card)).toContain('INC0012345');
    expect(received).toHaveLength(1);
  });

  it('"yes" and "no" to "Is that it?" pick or reject the guess', async () => {
    const harness = await start();
    await harness.post(say('connection to the update server times out or is refused'));
    expect(cardText(last(harness).card)).toMatch(/Is that it\?/);
    await harness.post(say('yes'));
    expect(cardText(last(harness).card)).toMatch(/Step 1 of/);
  });
});

describe('Teams: a human from anywhere, and never a dead end', () => {
  it('"I need a human" with nothing in progress hands over with the person\'s words', async () => {
    const received = helpdesk();
    const harness = await start();
    await harness.post(say('I need a human'));
    const text = cardText(last(harness).card);
    expect(text).toContain('Handed to the helpdesk');
    expect(text).toContain('not identified yet');
    expect(received[0]).toMatchObject({ error: null, said: ['I need a human'] });
  });

  it('a no-match offers next moves as buttons, and "Talk to a human" works', async () => {
    const received = helpdesk();
    const harness = await start();
    await harness.post(say('the printer on floor 3 is jammed'));
    const noMatch = last(harness);
    expect(cardText(noMatch.card)).toContain('I could not match that');
    expect(titles(noMatch.card)).toEqual([
      'Describe it differently',
      'Paste the error or log',
      'Talk to a human',
    ]);
    await harness.post(clickOn(noMatch, 'Describe it differently'));
    expect(cardText(last(harness).card)).toMatch(/Tell me in a few words/);
    await harness.post(clickOn(noMatch, 'Talk to a human'));
    expect(received[0]).toMatchObject({ said: ['the printer on floor 3 is jammed'] });
  });

  it('"None of these" keeps the rejected candidates visible and does not say "could not match"', async () => {
    const received = helpdesk();
    const harness = await start();
    await harness.post(say('connection to the update server times out or is refused'));
    const confirm = last(harness);
    const offered = confirm.card.body
      .find((e: Json) => e.type === 'FactSet')
      .facts.map((f: Json) => f.title);
    await harness.post(clickOn(confirm, 'None of these'));
    const text = cardText(last(harness).card);
    expect(text).not.toContain('could not match');
    expect(text).toContain('Not these');
    for (const code of offered) expect(text).toContain(code);
    expect(titles(last(harness).card)).toContain('Talk to a human');
    await harness.post(say('I need a human'));
    expect(received[0].rejected.map((r: Json) => r.code)).toEqual(offered);
  });

  it('"no" to "Is that it?" then "human" hands over with what was ruled out', async () => {
    const received = helpdesk();
    const harness = await start();
    await harness.post(say('updates fail behind our proxy'));
    await harness.post(say('no'));
    expect(cardText(last(harness).card)).toContain('Not these');
    await harness.post(say('can I talk to someone'));
    expect(received).toHaveLength(1);
    expect(received[0].rejected.length).toBeGreaterThan(0);
    expect(received[0].said).toContain('updates fail behind our proxy');
  });
});

describe('Teams: small talk keeps the flow where it is', () => {
  it('answers "thanks", "ok" and "one moment" in one line, without the step card again', async () => {
    const harness = await start();
    await harness.post(say('0x8024401B'));
    const step = last(harness);
    for (const words of ['thanks', 'ok', 'one moment', 'what is the weather like']) {
      await harness.post(say(words));
      const reply = last(harness).card;
      expect(titles(reply)).toEqual([]);
      expect(cardText(reply)).toMatch(/We are on step 1 of \d+ for 0x8024401B/);
      expect(cardText(reply)).not.toMatch(/Step 1 of/);
    }
    // The step card still answers: the flow did not move.
    await harness.post(clickOn(step, 'No, still failing'));
    expect(cardText(last(harness).card)).toMatch(/Step 2 of/);
  });

  it('"thanks" after a fix gets a short "glad it is fixed"', async () => {
    const harness = await start();
    await harness.post(say('0x8024401B'));
    await harness.post(say('that fixed it'));
    await harness.post(say('thanks!'));
    expect(cardText(last(harness).card)).toMatch(/^Glad it is fixed/);
  });

  it('an almost-right code gets "did you mean ...?" with a button to start on it', async () => {
    const harness = await start();
    await harness.post(say('getting 0x802401E'));
    const card = last(harness);
    expect(cardText(card.card)).toMatch(/Did you mean 0x8024001E \(.*\)( or|\?)/);
    await harness.post(clickOn(card, 'Start on 0x8024001E'));
    expect(cardText(last(harness).card)).toContain('0x8024001E WU_E_SERVICE_STOP');
  });

  it('a code no single edit away gets a hint on the format', async () => {
    const harness = await start();
    await harness.post(say('0x80'));
    await harness.post(say('error 0x12345'));
    expect(cardText(last(harness).card)).toMatch(/eight hex digits after 0x/);
  });
});

/** The same message in a group chat (everyone there reads every card). */
const inGroup = (activity: Json): Json => ({
  ...activity,
  conversation: {
    ...activity.conversation,
    conversationType: 'groupChat',
    id: '19:7c1e4d2a9b8f4e6d8a5c3b1f0e9d8c7b@thread.v2',
  },
});

describe('Teams: only the current card has live buttons', () => {
  it('in a group chat a typed answer takes the buttons off the previous card', async () => {
    const harness = await start();
    await harness.post(inGroup(say('0x8024401B')));
    const step1 = last(harness);
    await harness.post(inGroup(say('still failing')));
    const update = harness.sent.find((s) => s.method === 'PUT' && s.path.endsWith(step1.id));
    expect(update).toBeDefined();
    const retired = update?.activity.attachments[0].content;
    expect(titles(retired)).toEqual([]);
    expect(cardText(retired)).toMatch(/Step 1 of/);
    expect(cardText(retired)).toContain('answered in the chat');
    expect(cardProblems(retired)).toEqual([]);
  });

  it('in personal chat the previous card is left as it is; a click on it later changes nothing and says so in its place', async () => {
    const harness = await start();
    await harness.post(say('0x8024401B'));
    const step1 = last(harness);
    await harness.post(say('still failing'));
    expect(harness.sent.filter((s) => s.method === 'PUT')).toEqual([]);
    expect(cardText(last(harness).card)).toMatch(/Step 2 of/);
    const before = harness.sent.length;
    const response = await harness.post(executeOn(step1, 'Yes, fixed'));
    expect(response.status).toBe(200);
    const answer: Json = await response.json();
    expect(answer.statusCode).toBe(200);
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(answer.value)).toMatch(
      /That button is from an older card. We are on step 2 of/,
    );
    expect(titles(answer.value)).toEqual([]);
    expect(cardProblems(answer.value)).toEqual([]);
    // Nothing posted, nothing edited: the flow is still on step 2.
    expect(harness.sent.length).toBe(before);
    await harness.post(say('still failing'));
    expect(cardText(last(harness).card)).toMatch(/Step 3 of/);
  });

  it('"all steps" typed retires the step card; the all-steps card ends with the question', async () => {
    const harness = await start();
    await harness.post(inGroup(say('0x8024401B')));
    const step1 = last(harness);
    await harness.post(inGroup(say('all steps')));
    expect(harness.sent.some((s) => s.method === 'PUT' && s.path.endsWith(step1.id))).toBe(true);
    const all = last(harness).card;
    // The question is the last thing read; only its buttons come after it.
    const lastText = all.body.filter((e: Json) => e.type !== 'ActionSet').at(-1);
    expect(all.body.at(-1).type).toBe('ActionSet');
    expect(lastText.text).toBe(
      step1.card.body.find((e: Json) => e.separator && e.weight === 'Bolder' && !e.size)?.text,
    );
  });

  it('small talk leaves the current card alone', async () => {
    const harness = await start();
    await harness.post(say('0x8024401B'));
    await harness.post(say('thanks'));
    expect(harness.sent.filter((s) => s.method === 'PUT')).toEqual([]);
  });
});

describe('Teams channels: codes are answered without an @mention, in the reply chain', () => {
  const inChannel = (text: string, id: string, conversationId?: string) => {
    const activity = fixture('channel-mention');
    activity.id = id;
    activity.text = text;
    activity.entities = activity.entities.filter((e: Json) => e.type !== 'mention');
    if (conversationId) activity.conversation.id = conversationId;
    return activity;
  };
  const CHANNEL = '19:4b2a9c1d0e8f4a7b9c6d5e3f2a1b0c9d@thread.tacv2';

  it('answers a root post naming a code, under that post', async () => {
    const harness = await start();
    await harness.post(inChannel('seeing 0x8024001E on the file server', '1732266200001', CHANNEL));
    const posted = harness.sent.filter((s) => s.method === 'POST' && s.activity.type === 'message');
    expect(posted).toHaveLength(1);
    expect(decodeURIComponent(posted[0]?.path ?? '')).toContain(
      `${CHANNEL};messageid=1732266200001`,
    );
  });

  it('stays quiet on chatter, and follows a flow in its reply chain', async () => {
    const harness = await start();
    const chain = `${CHANNEL};messageid=1732266200002`;
    await harness.post(
      inChannel('anyone fancy lunch?', '1732266200009', `${CHANNEL};messageid=1732266200009`),
    );
    await harness.post(inChannel('updates fail behind our proxy', '1732266200010'));
    // Not even a typing indicator on chatter.
    expect(harness.sent).toEqual([]);
    await harness.post(inChannel('0x8024401B again', '1732266200002', chain));
    await harness.post(inChannel('still failing', '1732266200003', chain));
    expect(cardText(last(harness).card)).toMatch(/Step 2 of/);
  });

  it('takes an Action.Execute click in the reply chain: the card in the answer, the message edited for the channel', async () => {
    const harness = await start();
    const chain = `${CHANNEL};messageid=1732266200020`;
    await harness.post(inChannel('0x8024401B on the file server', '1732266200020', chain));
    const step1 = last(harness);
    const click = executeOn(step1, 'No, still failing');
    // The click comes from the card in the reply chain, under the chain's conversation id.
    click.conversation = fixture('channel-mention').conversation;
    click.conversation.id = chain;
    const before = harness.sent.length;
    const response = await harness.post(click);
    const answer: Json = await response.json();
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(answer.value)).toContain('answered: No, still failing');
    const calls = harness.sent.slice(before);
    expect(calls.map((c) => c.method).sort()).toEqual(['POST', 'PUT']);
    for (const call of calls) expect(decodeURIComponent(call.path)).toContain(chain);
    expect(cardText(last(harness).card)).toMatch(/Step 2 of/);
  });
});

describe('Teams: the hand-off closes the loop', () => {
  async function handedOff(harness: TeamsHarness) {
    helpdesk();
    await harness.post(say('0x8024401B'));
    await harness.post(say('I need a human'));
    return cardText(last(harness).card).match(/Reference\n(\S+)/)?.[1] as string;
  }
  const callback = (harness: TeamsHarness, flowId: string, body: unknown, secret = SECRET) =>
    fetch(`${harness.app.url}/api/handoff/${flowId}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('posts "picked up" in the same conversation, once, however often it is replayed', async () => {
    const harness = await start();
    const flowId = await handedOff(harness);
    expect(flowId).toBeTruthy();
    const before = harness.cards().length;
    const news = { status: 'picked-up', by: 'Dana from IT' };
    expect((await callback(harness, flowId, news)).status).toBe(202);
    expect(harness.cards()).toHaveLength(before + 1);
    const posted = harness.sent.at(-1);
    expect(decodeURIComponent(posted?.path ?? '')).toContain(
      fixture('personal-message').conversation.id,
    );
    expect(cardText(last(harness).card)).toContain('Dana from IT picked up ticket INC0012345.');
    expect((await callback(harness, flowId, news)).status).toBe(202);
    expect(harness.cards()).toHaveLength(before + 1);
    expect(
      (await callback(harness, flowId, { status: 'resolved', message: 'Proxy fixed.' })).status,
    ).toBe(202);
    expect(cardText(last(harness).card)).toMatch(
      /marked ticket INC0012345 as resolved.*Proxy fixed\./s,
    );
  });

  it('refuses a bad secret (401), an unknown flow (404) and a bad body (400)', async () => {
    const harness = await start();
    const flowId = await handedOff(harness);
    const before = harness.cards().length;
    expect((await callback(harness, flowId, { status: 'resolved' }, 'wrong')).status).toBe(401);
    expect((await callback(harness, 'no-such-flow', { status: 'resolved' })).status).toBe(404);
    expect((await callback(harness, flowId, { status: 'closed' })).status).toBe(400);
    expect((await callback(harness, flowId, '{not json')).status).toBe(400);
    expect((await callback(harness, flowId, { status: 'note' })).status).toBe(400);
    expect(harness.cards()).toHaveLength(before);
  });

  it('is off without HELPDESK_CALLBACK_SECRET', async () => {
    const harness = await start({ HELPDESK_CALLBACK_SECRET: '' });
    const flowId = await handedOff(harness);
    expect((await callback(harness, flowId, { status: 'resolved' })).status).toBe(404);
  });

  it('reaches the conversation after a restart (the address is in the state store)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wuerror-handoff-'));
    try {
      const env = { HELPDESK_WEBHOOK_URL: `${WEBHOOK}/hook`, HELPDESK_CALLBACK_SECRET: SECRET };
      const first = await startTeamsHarness({ env, store: createSqliteStoreIn(dir) });
      const flowId = await handedOff(first);
      await first.close();
      h = await startTeamsHarness({ env, store: createSqliteStoreIn(dir) });
      expect((await callback(h, flowId, { status: 'picked-up', by: 'Dana' })).status).toBe(202);
      expect(cardText(last(h).card)).toContain('Dana picked up ticket INC0012345.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
