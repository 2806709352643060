/**
 * The button wire format, in one place for the renderers that write it and
 * the adapters that read it back: Teams puts the core Action under one key of
 * an Action.Submit's data, Slack puts it as JSON in a button's value, under
 * an action_id with our prefix. Coming back it is untrusted JSON, checked
 * against the one schema before it becomes a core `Action`.
 */
import { z } from 'zod';
import { type Action, AnswerSchema } from '../core/contract.js';
import { CodeSchema } from '../knowledge/code.js';

/** Marks our button payloads in Teams, so the adapter knows a click is ours. */
const ACTION_KEY = 'wuerror';
/** Marks our buttons in Slack, so the adapter routes exactly these clicks to the core. */
export const ACTION_ID_PREFIX = 'wuerror:';

const FlowId = z.string().min(1).max(64);

const ActionSchema: z.ZodType<Action> = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('answer'),
    answer: AnswerSchema,
    flowId: FlowId,
    step: z.number().int().min(0).max(1000),
  }),
  z.object({ type: z.literal('choose'), code: CodeSchema, flowId: FlowId }),
  z.object({ type: z.literal('none-of-these'), flowId: FlowId }),
  z.object({ type: z.literal('start'), code: CodeSchema }),
  z.object({ type: z.literal('move'), move: z.enum(['describe', 'paste', 'human']) }),
]);

export function parseAction(value: unknown): Action | null {
  const result = ActionSchema.safeParse(value);
  return result.success ? result.data : null;
}

/** The data of a Teams Action.Submit. */
export function encodeTeamsAction(action: Action): Record<string, Action> {
  return { [ACTION_KEY]: action };
}

/** Whether a Teams submit's `value` came from one of our buttons (valid or not). */
export function isTeamsActionValue(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && ACTION_KEY in value;
}

/** A Teams submit's `value` -> our Action, or null when it is not a valid one. */
export function parseTeamsAction(value: unknown): Action | null {
  return isTeamsActionValue(value) ? parseAction(value[ACTION_KEY]) : null;
}

/** A Slack button's value. */
export function encodeSlackAction(action: Action): string {
  return JSON.stringify(action);
}

/** The action_id of the n-th button of a message (Slack wants them unique per message). */
export function slackActionId(n: number): string {
  return `${ACTION_ID_PREFIX}${n}`;
}

export function isOurSlackActionId(actionId: string): boolean {
  return actionId.startsWith(ACTION_ID_PREFIX);
}

/** A Slack button's value -> our Action, or null for anything else. */
export function parseSlackAction(value: string): Action | null {
  try {
    return parseAction(JSON.parse(value));
  } catch {
    // Not our JSON: rejected like any other bad payload.
    return null;
  }
}
