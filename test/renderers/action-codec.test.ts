/**
 * The hand check in front of the button schema may only answer with what
 * the schema itself would give; everything else goes to the schema.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/core/contract.js';
import {
  actionSchema,
  encodeTeamsAction,
  executeData,
  parseAction,
  parseTeamsAction,
  plainAction,
  TEAMS_ACTION_VERB,
} from '../../src/renderers/action-codec.js';

const field = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(''),
  fc.constant('x'.repeat(65)),
  fc.string({ maxLength: 70 }),
  fc.constantFrom('answer', 'choose', 'none-of-these', 'start', 'move', 'Answer'),
  fc.constantFrom('fixed', 'not-fixed', 'done', 'skip', 'describe', 'paste', 'human', 'later'),
  fc.constantFrom('0x8024001E', '0x8024001e', '0x8024001', ' 0x8024001E', 'f1'),
  fc.constantFrom(0, 1, 7, 1000, 1001, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY, -0),
  fc.integer(),
  fc.boolean(),
  fc.constant({}),
  fc.constant([]),
);

const buttons = [
  { type: 'answer', answer: 'not-fixed', flowId: 'f1', step: 2 },
  { type: 'choose', code: '0x8024001E', flowId: 'f1' },
  { type: 'none-of-these', flowId: 'f1' },
  { type: 'start', code: '0x80070643' },
  { type: 'move', move: 'human' },
];
const keys = ['type', 'answer', 'flowId', 'step', 'code', 'move', 'extra'] as const;

/** One of our buttons with up to two fields changed, added or removed. */
const action = fc
  .tuple(
    fc.constantFrom(...buttons),
    fc.array(fc.tuple(fc.constantFrom(...keys), field), { maxLength: 2 }),
  )
  .map(([button, changes]) => {
    const changed: Record<string, unknown> = { ...button };
    for (const [key, value] of changes) changed[key] = value;
    return changed;
  });

describe('parseAction', () => {
  it('reads the buttons it wrote without the schema', () => {
    for (const button of buttons) {
      expect(plainAction(button)).toEqual(button);
      expect(parseAction({ ...button, extra: 1 })).toEqual(button);
    }
  });

  it('gives exactly what the schema gives, whichever of the two answers', () => {
    fc.assert(
      fc.property(fc.oneof(action, field), (value) => {
        const schema = actionSchema.safeParse(value);
        const expected = schema.success ? schema.data : null;
        const plain = plainAction(value);
        if (plain !== undefined) expect(plain).toStrictEqual(expected);
        expect(parseAction(value)).toStrictEqual(expected);
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('Teams clicks: Action.Execute and its Action.Submit fallback read the same', () => {
  it('reads an adaptiveCard/action invoke value exactly like the fallback message value', () => {
    for (const button of buttons) {
      const data = encodeTeamsAction(button as Action);
      const invokeValue = {
        action: { type: 'Action.Execute', id: '', verb: TEAMS_ACTION_VERB, data },
        trigger: 'manual',
      };
      expect(parseTeamsAction(executeData(invokeValue))).toEqual(parseTeamsAction(data));
      expect(parseTeamsAction(data)).toEqual(button);
    }
  });

  it('finds no data in anything but an Action.Execute', () => {
    const data = encodeTeamsAction({ type: 'move', move: 'human' });
    for (const value of [
      undefined,
      null,
      'x',
      {},
      { trigger: 'manual' },
      { action: null },
      { action: { type: 'Action.Submit', data } },
      { action: { type: 'Action.OpenUrl', data } },
    ]) {
      expect(executeData(value)).toBeUndefined();
    }
  });
});
