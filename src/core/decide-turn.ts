/**
 * The conversation's decisions: given a turn and the remembered state, what
 * changes and what to say. Pure (no I/O), so every path is testable without
 * a bot, a store or a clock.
 */
import type { Match, Resolver } from '../resolver/create-resolver.js';
import { applyAnswer, currentReply } from './apply-answer.js';
import { decideFile } from './attached-file.js';
import { confirmReply, stepReply, stepsOf, toErrorSummary } from './build-replies.js';
import type { Action, Answer, HandoffSummary, Reply, Turn } from './contract.js';
import { type ConversationState, type FlowState, newFlow } from './conversation-state.js';
import { type Intent, readIntent } from './read-intent.js';

export interface Decision {
  state: ConversationState;
  replies: Reply[];
  /** A hand-off to deliver to the helpdesk webhook once the state is saved. */
  handoff?: HandoffSummary;
  /** For a click: the clicked card as it was shown (the conversation strips its buttons). */
  clicked?: Reply;
}

export interface DecideContext {
  resolver: Resolver;
  newId: () => string;
}

export function decideTurn(turn: Turn, state: ConversationState, ctx: DecideContext): Decision {
  switch (turn.input.kind) {
    case 'joined':
      return { state, replies: [{ kind: 'welcome' }] };
    case 'action':
      return decideAction(turn, turn.input.action, state, ctx);
    case 'text':
      return decideText(turn, turn.input.text, state, ctx);
    case 'file':
      return decideFile(turn, turn.input.text, turn.input.file, state, ctx.resolver, (t, text) =>
        decideText(t, text, state, ctx),
      );
    default: {
      const unreachable: never = turn.input;
      throw new Error(`unhandled input ${JSON.stringify(unreachable)}`);
    }
  }
}

function activeFlow(state: ConversationState): FlowState | null {
  return state.flow?.status === 'active' ? state.flow : null;
}

function stale(state: ConversationState): Decision {
  const flow = activeFlow(state);
  const current = flow
    ? { code: flow.code, number: Math.min(flow.step + 1, flow.total), total: flow.total }
    : null;
  return { state, replies: [{ kind: 'stale', current }] };
}

function startFlow(
  turn: Turn,
  state: ConversationState,
  match: Match,
  ctx: DecideContext,
  alsoMentioned: Match[] = [],
): Decision {
  const steps = stepsOf(match);
  if (steps.length === 0) return { state, replies: [{ kind: 'unknown-code', code: match.code }] };
  const flow = newFlow(match.code, steps.length, turn, ctx.newId());
  return {
    state: { ...state, flow, confirm: null },
    replies: [stepReply(flow, match, { intro: true, alsoMentioned })],
  };
}

function decideAction(
  turn: Turn,
  action: Action,
  state: ConversationState,
  ctx: DecideContext,
): Decision {
  switch (action.type) {
    case 'start':
      return startFlow(turn, state, ctx.resolver.describe(action.code), ctx);
    case 'choose': {
      const confirm = state.confirm;
      if (confirm?.flowId !== action.flowId || !confirm.candidates.includes(action.code))
        return stale(state);
      const clicked = confirmReply(
        confirm.flowId,
        confirm.candidates.map((c) => ctx.resolver.describe(c)),
      );
      return { ...startFlow(turn, state, ctx.resolver.describe(action.code), ctx), clicked };
    }
    case 'none-of-these':
      if (state.confirm?.flowId !== action.flowId) return stale(state);
      return { state: { ...state, confirm: null }, replies: [{ kind: 'no-match', text: '' }] };
    case 'answer': {
      const flow = activeFlow(state);
      if (!flow || flow.id !== action.flowId || flow.step !== action.step) return stale(state);
      const clicked = cardOf(flow, ctx);
      return { ...applyAnswer(state, flow, action.answer, turn, ctx), clicked };
    }
    default: {
      const unreachable: never = action;
      throw new Error(`unhandled action ${JSON.stringify(unreachable)}`);
    }
  }
}

/** Intents that answer the current step, in the step's own yes/no terms. */
function toAnswer(intent: Intent | null): Answer | null {
  if (intent === null || typeof intent === 'object' || intent === 'help') return null;
  if (intent === 'yes') return 'fixed';
  if (intent === 'no') return 'not-fixed';
  return intent;
}

function decideText(
  turn: Turn,
  text: string,
  state: ConversationState,
  ctx: DecideContext,
): Decision {
  const silent: Decision = { state, replies: [] };
  const intent = readIntent(text);
  if (text.trim() === '' || intent === 'help')
    return turn.addressed ? { state, replies: [{ kind: 'help' }] } : silent;

  const resolution = ctx.resolver.resolve(text);
  const named = resolution.matches.filter((m) => m.via !== 'symptom' && !m.success);
  const flow = activeFlow(state);

  // A success code never starts a fix flow; a failure named beside it is what is answered.
  const success = resolution.matches.find((m) => m.success);
  if (named.length === 0 && success && turn.addressed) {
    return { state, replies: [{ kind: 'success-code', error: toErrorSummary(success) }] };
  }

  if (named.length > 0) {
    // "nope, still 0x8024001E" is an answer to the flow, not a new flow.
    if (flow && named.every((m) => m.code === flow.code)) {
      return applyAnswer(state, flow, intent === 'fixed' ? 'fixed' : 'not-fixed', turn, ctx);
    }
    const [first, ...rest] = named as [Match, ...Match[]];
    return startFlow(turn, state, first, ctx, rest);
  }

  if (state.confirm) {
    const picked = pickCandidate(intent, state.confirm.candidates);
    if (picked) return startFlow(turn, state, ctx.resolver.describe(picked), ctx);
    if (intent === 'no')
      return { state: { ...state, confirm: null }, replies: [{ kind: 'no-match', text }] };
  }

  const answer = toAnswer(intent);
  if (flow && answer) {
    // "yes" to "Did you find the error line?" means done, not fixed.
    const onCheck = stepsOf(ctx.resolver.describe(flow.code))[flow.step]?.kind === 'check';
    const effective = onCheck && intent === 'yes' ? 'done' : answer;
    return applyAnswer(state, flow, effective, turn, ctx);
  }
  if (!flow && answer === 'restart' && state.flow) {
    return applyAnswer(state, state.flow, 'restart', turn, ctx);
  }
  if (!turn.addressed) return silent;

  const hits = resolution.matches;
  if (hits.length > 0) {
    const [best] = hits as [Match, ...Match[]];
    if (best.confident) return startFlow(turn, state, best, ctx);
    const flowId = ctx.newId();
    return {
      state: { ...state, confirm: { flowId, candidates: hits.map((m) => m.code) } },
      replies: [confirmReply(flowId, hits)],
    };
  }
  if (flow)
    return {
      state,
      replies: [{ kind: 'not-understood', reprompt: currentReply(flow, ctx.resolver) }],
    };
  return { state, replies: [{ kind: 'no-match', text }] };
}

function pickCandidate(
  intent: Intent | null,
  candidates: FlowState['code'][],
): FlowState['code'] | undefined {
  if (intent === 'yes' || intent === 'fixed') return candidates[0];
  if (intent !== null && typeof intent === 'object') return candidates[intent.pick - 1];
  return undefined;
}

/** The card a flow showed at its current step (the first step carries the intro). */
function cardOf(flow: FlowState, ctx: DecideContext): Reply {
  const intro = flow.step === 0 && flow.tried.length === 0;
  return flow.step < flow.total
    ? stepReply(flow, ctx.resolver.describe(flow.code), { intro })
    : currentReply(flow, ctx.resolver);
}
