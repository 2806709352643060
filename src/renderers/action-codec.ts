/**
 * The button wire format, in one place for the renderers that write it and
 * the adapters that read it back: Teams puts the core Action under one key of
 * a button's data (an Action.Execute, whose fallback Action.Submit carries
 * the same data), Slack puts it as JSON in a button's value, under an
 * action_id with our prefix. Coming back it is untrusted JSON, checked
 * against the one schema before it becomes a core `Action`.
 */
import { z } from 'zod';
import { type Action, type Answer, AnswerSchema, type Move } from '../core/contract.js';
import { type Code, CodeSchema } from '../knowledge/code.js';

/** Marks our button payloads in Teams, so the adapter knows a click is ours. */
const ACTION_KEY = 'wuerror';
/** The verb of our Action.Execute buttons; what a button does is in its data. */
export const TEAMS_ACTION_VERB = 'wuerror';
/** The invoke Teams sends for an Action.Execute click (Universal Actions for Adaptive Cards). */
export const TEAMS_CARD_ACTION_INVOKE = 'adaptiveCard/action';
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
  const plain = plainAction(value);
  if (plain) return plain;
  const result = ActionSchema.safeParse(value);
  return result.success ? result.data : null;
}

const ANSWERS: ReadonlySet<unknown> = new Set(AnswerSchema.options);
const MOVES: ReadonlySet<unknown> = new Set(['describe', 'paste', 'human']);
const CODE = /^0x[0-9A-F]{8}$/;
const isFlowId = (value: unknown): value is string =>
  typeof value === 'string' && value.length >= 1 && value.length <= 64;
const isCode = (value: unknown): value is Code => typeof value === 'string' && CODE.test(value);

/**
 * The schema's rules checked by hand, for the buttons we wrote ourselves
 * (every click): the Action the schema would give (its fields only), or
 * undefined when the schema must decide. The zod parse was 1.4% of a
 * Teams click's CPU samples; a property test holds the two together.
 */
export function plainAction(value: unknown): Action | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const action = value as Record<string, unknown>;
  const { flowId, code } = action;
  switch (action.type) {
    case 'answer': {
      const { answer, step } = action;
      if (!ANSWERS.has(answer) || !isFlowId(flowId)) return undefined;
      if (typeof step !== 'number' || !Number.isInteger(step) || step < 0 || step > 1000) {
        return undefined;
      }
      return { type: 'answer', answer: answer as Answer, flowId, step };
    }
    case 'choose':
      return isCode(code) && isFlowId(flowId) ? { type: 'choose', code, flowId } : undefined;
    case 'none-of-these':
      return isFlowId(flowId) ? { type: 'none-of-these', flowId } : undefined;
    case 'start':
      return isCode(code) ? { type: 'start', code } : undefined;
    case 'move':
      return MOVES.has(action.move) ? { type: 'move', move: action.move as Move } : undefined;
    default:
      return undefined;
  }
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

/**
 * The data of an Action.Execute click, from an `adaptiveCard/action` invoke's
 * `value` (`{ action: { type: 'Action.Execute', verb, data }, trigger }`),
 * or undefined when the value is not shaped so. Its data is then read like
 * an Action.Submit's `value` (isTeamsActionValue, parseTeamsAction).
 */
export function executeData(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  const action = (value as { action?: unknown }).action;
  if (typeof action !== 'object' || action === null) return undefined;
  const { type, data } = action as { type?: unknown; data?: unknown };
  return type === 'Action.Execute' ? data : undefined;
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

/** The schema itself (tests hold plainAction to it). */
export const actionSchema = ActionSchema;
