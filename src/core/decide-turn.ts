/**
 * The conversation's decisions: given a turn and the remembered state, what
 * changes and what to say. Pure (no I/O), so every path is testable without
 * a bot, a store or a clock.
 */
import type { Code } from '../knowledge/code.js';
import type { Match, Resolver } from '../resolver/create-resolver.js';
import { applyAnswer, currentReply } from './apply-answer.js';
import { decideFile } from './attached-file.js';
import { confirmReply, stepReply, stepsOf, toErrorSummary } from './build-replies.js';
import type {
  Action,
  Answer,
  Choice,
  FlowPosition,
  HandoffSummary,
  NoteKind,
  Reply,
  Turn,
} from './contract.js';
import {
  type ConversationState,
  type FlowState,
  newFlow,
  noteRejected,
  noteSaid,
} from './conversation-state.js';
import { handOver } from './hand-over.js';
import { findNearCode, suggestCodes } from './near-code.js';
import { type Intent, isSmallTalk, readIntent, type SmallTalk } from './read-intent.js';

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

/** Where a flow stands, for one-line answers. */
export function positionOf(flow: FlowState): FlowPosition {
  return { code: flow.code, number: Math.min(flow.step + 1, flow.total + 1), total: flow.total };
}

function stale(state: ConversationState): Decision {
  const flow = activeFlow(state);
  const current = flow
    ? { code: flow.code, number: Math.min(flow.step + 1, flow.total), total: flow.total }
    : null;
  return { state, replies: [{ kind: 'stale', current }] };
}

/** The next moves offered when nothing matched or a guess was turned down. */
const MOVES: Choice[] = [
  { action: { type: 'move', move: 'describe' } },
  { action: { type: 'move', move: 'paste' } },
  { action: { type: 'move', move: 'human' }, style: 'positive' },
];

function noMatch(
  state: ConversationState,
  text: string,
  ctx: DecideContext,
  after: 'nothing' | 'rejected',
  otherProgram?: Code[],
): Decision {
  const rejected =
    after === 'rejected'
      ? state.notes.rejected.map((code) => ({ code, title: ctx.resolver.describe(code).title }))
      : [];
  return {
    state,
    replies: [
      {
        kind: 'no-match',
        text,
        after,
        rejected,
        choices: MOVES,
        ...(otherProgram ? { otherProgram } : {}),
      },
    ],
  };
}

/** "No" to "Is that it?" or "None of these": the guesses are noted, the next moves offered. */
function rejectGuess(state: ConversationState, text: string, ctx: DecideContext): Decision {
  const candidates = state.confirm?.candidates ?? [];
  return noMatch(noteRejected({ ...state, confirm: null }, candidates), text, ctx, 'rejected');
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
    case 'none-of-these': {
      const confirm = state.confirm;
      if (confirm?.flowId !== action.flowId) return stale(state);
      const clicked = confirmReply(
        confirm.flowId,
        confirm.candidates.map((c) => ctx.resolver.describe(c)),
      );
      return { ...rejectGuess(state, '', ctx), clicked };
    }
    case 'move':
      if (action.move === 'human') return handOver(turn, state, ctx);
      return { state, replies: [{ kind: 'note', note: action.move, current: null }] };
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
  if (intent === null || typeof intent === 'object' || intent === 'help' || isSmallTalk(intent))
    return null;
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
  const flow = activeFlow(state);
  if (text.trim() === '' || intent === 'help') {
    if (!turn.addressed) return silent;
    return {
      state,
      replies: [
        {
          kind: 'help',
          current: flow ? positionOf(flow) : null,
          platform: turn.where.platform,
        },
      ],
    };
  }

  const resolution = ctx.resolver.resolve(text);
  // A description that leads over an unknown code (see create-resolver.ts) is answered as one.
  const described = resolution.matches[0]?.via === 'symptom';
  const named = described
    ? []
    : resolution.matches.filter((m) => m.via !== 'symptom' && !m.success);

  // A success code never starts a fix flow; a failure named beside it is what is answered.
  const success = resolution.matches.find((m) => m.success);
  if (named.length === 0 && success && turn.addressed) {
    return { state, replies: [{ kind: 'success-code', error: toErrorSummary(success) }] };
  }

  if (named.length > 0) {
    const noted = noteSaid(
      state,
      text,
      named.map((m) => m.code),
    );
    // "nope, still 0x8024001E" is an answer to the flow, not a new flow.
    if (flow && named.every((m) => m.code === flow.code)) {
      return applyAnswer(noted, flow, intent === 'fixed' ? 'fixed' : 'not-fixed', turn, ctx);
    }
    const [first, ...rest] = named as [Match, ...Match[]];
    return startFlow(turn, noted, first, ctx, rest);
  }

  // Past this point only someone talking to the bot, or answering what it
  // asked in this conversation, gets an answer; other channel chatter does not.
  if (!turn.addressed && !flow && !state.confirm) return silent;
  // The person's own words for the helpdesk: descriptions, not "yes", "skip" or "thanks".
  const noted = intent === null || intent === 'human' ? noteSaid(state, text) : state;

  if (intent === 'human') return handOver(turn, noted, ctx);

  if (state.confirm) {
    const picked = pickCandidate(intent, state.confirm.candidates);
    if (picked) return startFlow(turn, noted, ctx.resolver.describe(picked), ctx);
    if (intent === 'no') return rejectGuess(noted, text, ctx);
  }

  if (flow) {
    // After the last step the question is "Shall I hand it to a human?".
    if (flow.step >= flow.total) {
      if (intent === 'yes') return handOver(turn, noted, ctx);
      if (intent === 'no' || (intent === 'not-fixed' && DECLINE.test(text)))
        return { state: noted, replies: [{ kind: 'note', note: 'no-handoff', current: null }] };
    }
    const answer = toAnswer(intent);
    if (answer) {
      // "yes" to "Did you find the error line?" means done, not fixed.
      const onCheck = stepsOf(ctx.resolver.describe(flow.code))[flow.step]?.kind === 'check';
      const effective = onCheck && intent === 'yes' ? 'done' : answer;
      return applyAnswer(noted, flow, effective, turn, ctx);
    }
  } else if (toAnswer(intent) === 'restart' && state.flow) {
    return applyAnswer(noted, state.flow, 'restart', turn, ctx);
  }

  if (isSmallTalk(intent)) return smallTalk(intent, state);
  if (!turn.addressed) return silent;

  // An almost-right code: "did you mean ...?"; a mere number that fits no code
  // gets the format hint only when the words match nothing either.
  const hits = described
    ? resolution.matches.filter((m) => m.via === 'symptom')
    : resolution.matches;
  const near = described ? null : findNearCode(text);
  if (near) {
    const meant = didYouMean(noted, near, ctx);
    const reply = meant.replies[0];
    if (hits.length === 0 || (reply?.kind === 'did-you-mean' && reply.suggestions.length > 0))
      return meant;
  }

  if (hits.length > 0) {
    const [best] = hits as [Match, ...Match[]];
    if (best.confident) return startFlow(turn, noted, best, ctx);
    const flowId = ctx.newId();
    return {
      state: { ...noted, confirm: { flowId, candidates: hits.map((m) => m.code) } },
      replies: [confirmReply(flowId, hits)],
    };
  }
  if (flow)
    return {
      state: noted,
      replies: [{ kind: 'note', note: 'off-topic', current: positionOf(flow) }],
    };
  return noMatch(noted, text, ctx, 'nothing', resolution.otherProgram);
}

/** A bare "nope" to "Shall I hand it to a human?" declines; "still failing" does not. */
const DECLINE = /^\s*(no+|nope|nah|negative)\b[\s,.!]*(thanks?|thank you)?[\s.!]*$/i;

/** "thanks", "one moment", "ok": one line, and the flow stays where it is. */
function smallTalk(intent: SmallTalk, state: ConversationState): Decision {
  const flow = activeFlow(state);
  const current = flow ? positionOf(flow) : null;
  const note: NoteKind =
    intent === 'thanks'
      ? !flow && state.flow?.status === 'fixed'
        ? 'glad-fixed'
        : 'thanks'
      : intent;
  return { state, replies: [{ kind: 'note', note, current }] };
}

function didYouMean(state: ConversationState, typed: string, ctx: DecideContext): Decision {
  const codes = suggestCodes(
    typed,
    ctx.resolver.knownCodes(),
    (c) => ctx.resolver.describe(c).source === 'curated',
  );
  const suggestions = codes.map((code) => ({ code, title: ctx.resolver.describe(code).title }));
  const choices: Choice[] = [
    ...codes.map(
      (code, i): Choice => ({
        action: { type: 'start', code },
        ...(i === 0 ? { style: 'positive' as const } : {}),
      }),
    ),
    ...MOVES,
  ];
  return { state, replies: [{ kind: 'did-you-mean', typed, suggestions, choices }] };
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
