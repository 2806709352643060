/**
 * One answer to the current step -> the next state and reply. The same code
 * serves a button click and a typed "didn't help", so both move the flow
 * identically.
 */
import type { Resolver } from '../resolver/create-resolver.js';
import {
  allStepsReply,
  lastStepDoneReply,
  stepReply,
  stepsOf,
  toErrorSummary,
} from './build-replies.js';
import type { Answer, Reply, StepOutcome, Turn } from './contract.js';
import { type ConversationState, type FlowState, newFlow } from './conversation-state.js';
import type { DecideContext, Decision } from './decide-turn.js';
import { handOver } from './hand-over.js';

export function applyAnswer(
  state: ConversationState,
  flow: FlowState,
  answer: Answer,
  turn: Turn,
  ctx: DecideContext,
): Decision {
  const match = ctx.resolver.describe(flow.code);
  const steps = stepsOf(match);
  const record = (outcome: StepOutcome): FlowState['tried'] => {
    const step = steps[flow.step];
    if (!step) return flow.tried;
    // After "back", answering a step again replaces its first answer.
    const others = flow.tried.filter((t) => t.number !== flow.step + 1);
    return [...others, { number: flow.step + 1, title: step.title, outcome }].sort(
      (a, b) => a.number - b.number,
    );
  };
  const moveOn = (outcome: StepOutcome): Decision => {
    const next: FlowState = {
      ...flow,
      tried: record(outcome),
      step: Math.min(flow.step + 1, steps.length),
    };
    return { state: { ...state, flow: next }, replies: [stepReply(next, match, { intro: false })] };
  };

  switch (answer) {
    case 'fixed': {
      const next: FlowState = { ...flow, tried: record('fixed'), status: 'fixed' };
      return {
        state: { ...state, flow: next },
        replies: [{ kind: 'fixed', error: toErrorSummary(match), tried: next.tried }],
      };
    }
    case 'not-fixed':
      return moveOn(steps[flow.step]?.kind === 'check' ? 'no' : 'not-fixed');
    case 'done':
      return moveOn('done');
    case 'skip':
      return moveOn('skipped');
    case 'back': {
      const next: FlowState = { ...flow, step: Math.max(0, flow.step - 1) };
      return {
        state: { ...state, flow: next },
        replies: [stepReply(next, match, { intro: false })],
      };
    }
    case 'all-steps':
      return { state, replies: [allStepsReply(flow, match)] };
    case 'restart': {
      const next = newFlow(flow.code, steps.length, turn, ctx.newId());
      return {
        state: { ...state, flow: next, confirm: null },
        replies: [stepReply(next, match, { intro: true })],
      };
    }
    case 'human':
      return handOver(turn, { ...state, flow }, ctx);
    default: {
      const unreachable: never = answer;
      throw new Error(`unhandled answer ${String(unreachable)}`);
    }
  }
}

/** The reply that shows where a flow stands, used to re-ask after an unclear answer. */
export function currentReply(flow: FlowState, resolver: Resolver): Reply {
  const match = resolver.describe(flow.code);
  return flow.step < flow.total
    ? stepReply(flow, match, { intro: false })
    : lastStepDoneReply(flow, match);
}
