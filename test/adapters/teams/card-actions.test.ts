/**
 * Buttons as Universal Actions: a click arrives as the `adaptiveCard/action`
 * invoke Teams sends for an Action.Execute, and the HTTP answer to it carries
 * the card shown in place of the clicked one. In personal chat that answer is
 * the only change to the clicked card (one connector call per click: the
 * next card); in a group chat the message is edited as well, for everyone
 * else. The Action.Submit fallback (clients without Universal Actions) keeps
 * working as before.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  buttonTitles,
  cardText,
  clickOn,
  executeOn,
  type Json,
  say,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness.js';
import { cardProblems } from '../../support/validate-adaptive-card.js';

let harness: TeamsHarness | undefined;
afterEach(async () => {
  for (const { card } of harness?.cards() ?? []) expect(cardProblems(card)).toEqual([]);
  await harness?.close();
  harness = undefined;
});

async function start(env: Record<string, string> = {}) {
  harness = await startTeamsHarness({ env });
  return harness;
}

const last = (h: TeamsHarness) => {
  const card = h.cards().at(-1);
  if (!card) throw new Error('the bot sent no card');
  return card;
};

const inGroup = (activity: Json): Json => ({
  ...activity,
  conversation: {
    ...activity.conversation,
    conversationType: 'groupChat',
    id: '19:7c1e4d2a9b8f4e6d8a5c3b1f0e9d8c7b@thread.v2',
  },
});

/** Posts an activity and reads its HTTP answer (status and JSON body). */
async function answer(h: TeamsHarness, activity: Json): Promise<{ status: number; body: Json }> {
  const response = await h.post(activity);
  return { status: response.status, body: await response.json() };
}

/** The connector calls made since `from` (an index into `sent`), as "METHOD type". */
const calls = (h: TeamsHarness, from: number) =>
  h.sent.slice(from).map((s) => `${s.method} ${s.activity.type}`);

describe('Action.Execute clicks in personal chat', () => {
  it('answers the invoke with the clicked card, answered and without buttons, and posts only the next card', async () => {
    const h = await start();
    await h.post(say('0x80070422'));
    const step1 = last(h);
    const from = h.sent.length;
    const response = await h.post(executeOn(step1, 'No, still failing'));
    const status = response.status;
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body: Json = await response.json();
    expect(status).toBe(200);
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    const shown = body.value;
    expect(shown.type).toBe('AdaptiveCard');
    expect(buttonTitles(shown)).toEqual([]);
    expect(cardText(shown)).toMatch(/Step 1 of/);
    expect(cardText(shown)).toContain('Alex Admin answered: No, still failing');
    expect(cardProblems(shown)).toEqual([]);
    // One call to the connector: the next step. The clicked card is not edited.
    expect(calls(h, from)).toEqual(['POST message']);
    expect(cardText(last(h).card)).toMatch(/Step 2 of/);
  });

  it('walks a flow to "fixed" by clicks alone, one connector call per click', async () => {
    const h = await start();
    await h.post(say('0x80070422'));
    const from = h.sent.length;
    const step2 = await (async () => {
      await answer(h, executeOn(last(h), 'No, still failing'));
      return last(h);
    })();
    const { body } = await answer(h, executeOn(step2, 'Yes, fixed'));
    expect(cardText(body.value)).toContain('Alex Admin answered: Yes, fixed');
    expect(calls(h, from)).toEqual(['POST message', 'POST message']);
    const done = cardText(last(h).card);
    expect(done).toContain('Great, it is fixed.');
    expect(done).toMatch(/Step 1, .*: did not help/);
  });

  it('answers a click Teams sends again (its retry) as stale, in place: the flow moved one step', async () => {
    const h = await start();
    await h.post(say('0x80070422'));
    const click = executeOn(last(h), 'No, still failing');
    await answer(h, click);
    const posted = h.cards().length;
    const again = await answer(h, { ...click });
    expect(again.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(again.body.value)).toMatch(/older card. We are on step 2 of/);
    expect(h.cards()).toHaveLength(posted);
  });

  it('still takes the Action.Submit fallback as a message: the clicked card is edited, the next one posted', async () => {
    const h = await start();
    await h.post(say('0x80070422'));
    const step1 = last(h);
    const from = h.sent.length;
    const response = await h.post(clickOn(step1, 'No, still failing'));
    expect(response.status).toBe(200);
    expect(calls(h, from).sort()).toEqual(['POST message', 'PUT message']);
    const update = h.sent.find((s) => s.method === 'PUT');
    expect(update?.path).toContain(step1.id);
    expect(cardText(update?.activity.attachments[0].content)).toContain(
      'Alex Admin answered: No, still failing',
    );
    expect(cardText(last(h).card)).toMatch(/Step 2 of/);
  });

  it('answers the slow-down note as a message when the click is over the rate limit', async () => {
    const h = await start({ WUERROR_RATE_LIMIT_PER_USER: '1' });
    await h.post(say('0x80070422'));
    const { status, body } = await answer(h, executeOn(last(h), 'No, still failing'));
    expect(status).toBe(200);
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
    expect(body.value).toMatch(/^That is a lot of messages at once/);
  });
});

describe('Action.Execute clicks in a group chat', () => {
  it('answers the invoke with the new card and edits the message for everyone else', async () => {
    const h = await start();
    await h.post(inGroup(say('0x80070422')));
    const step1 = last(h);
    const from = h.sent.length;
    const { body } = await answer(h, inGroup(executeOn(step1, 'No, still failing')));
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(calls(h, from).sort()).toEqual(['POST message', 'PUT message']);
    const update = h.sent.find((s) => s.method === 'PUT');
    expect(update?.path).toContain(step1.id);
    // Everyone sees what the person who clicked sees.
    expect(update?.activity.attachments[0].content).toEqual(body.value);
    expect(cardText(last(h).card)).toMatch(/Step 2 of/);
  });
});

describe('invokes that are not a valid click', () => {
  it('refuses a click whose data is ours but not a valid action: 200 with a 400 inside, nothing sent', async () => {
    const h = await start();
    await h.post(say('0x80070422'));
    const from = h.sent.length;
    const click = executeOn(last(h), 'No, still failing');
    click.value.action.data = {
      wuerror: { type: 'answer', answer: 'explode', flowId: 'x', step: 0 },
    };
    const { status, body } = await answer(h, click);
    expect(status).toBe(200);
    expect(body).toEqual({
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'BadRequest', message: 'not a button of this bot' },
    });
    expect(h.sent.length).toBe(from);
  });

  it('refuses an Action.Execute that is not one of ours, and an invoke value without an action', async () => {
    const h = await start();
    await h.post(say('0x80070422'));
    const from = h.sent.length;
    const click = executeOn(last(h), 'No, still failing');
    click.value.action.data = { approve: true };
    expect((await answer(h, click)).body.statusCode).toBe(400);
    click.value = { trigger: 'manual' };
    expect((await answer(h, click)).body.statusCode).toBe(400);
    expect(h.sent.length).toBe(from);
  });
});
