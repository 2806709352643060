/**
 * Small factories for the replies of a flow, so the conversation logic reads
 * as decisions and not as object literals.
 */
import type { Step } from '../knowledge/types.js';
import { type Match, type Resolution, toAnswerSource } from '../resolver/create-resolver.js';
import type { Answer, Choice, ErrorSummary, ExplainedMatch, Reply } from './contract.js';
import type { FlowState } from './conversation-state.js';

export function toErrorSummary(match: Match): ErrorSummary {
  const meaning =
    match.entry?.meaning ??
    (match.family ? `${match.family.title}. ${match.family.meaning}` : null);
  return {
    code: match.code,
    name: match.name,
    title: match.title,
    source: toAnswerSource(match),
    meaning,
    ...(match.evidence ? { evidence: match.evidence } : {}),
    ...(match.extend ? { extend: match.extend } : {}),
  };
}

export function stepsOf(match: Match): Step[] {
  return match.entry?.steps ?? match.family?.steps ?? [];
}

function answerChoice(flow: FlowState, answer: Answer, style?: Choice['style']): Choice {
  return {
    action: { type: 'answer', answer, flowId: flow.id, step: flow.step },
    ...(style ? { style } : {}),
  };
}

function stepChoices(flow: FlowState, kind: Step['kind'] = 'fix'): Choice[] {
  const choices =
    kind === 'check'
      ? [answerChoice(flow, 'done', 'positive'), answerChoice(flow, 'not-fixed')]
      : [answerChoice(flow, 'fixed', 'positive'), answerChoice(flow, 'not-fixed')];
  choices.push(answerChoice(flow, 'skip'));
  if (flow.step > 0) choices.push(answerChoice(flow, 'back'));
  choices.push(answerChoice(flow, 'all-steps'), answerChoice(flow, 'human', 'destructive'));
  return choices;
}

export function stepReply(
  flow: FlowState,
  match: Match,
  options: { intro: boolean; alsoMentioned?: Match[] },
): Reply {
  const steps = stepsOf(match);
  const step = steps[flow.step];
  if (!step) return lastStepDoneReply(flow, match);
  return {
    kind: 'step',
    flowId: flow.id,
    error: toErrorSummary(match),
    intro: options.intro,
    step,
    number: flow.step + 1,
    total: steps.length,
    choices: stepChoices(flow, step.kind),
    alsoMentioned: (options.alsoMentioned ?? []).map((m) => ({ code: m.code, title: m.title })),
  };
}

export function lastStepDoneReply(flow: FlowState, match: Match): Reply {
  return {
    kind: 'last-step-done',
    flowId: flow.id,
    error: toErrorSummary(match),
    choices: [
      answerChoice(flow, 'human', 'positive'),
      answerChoice(flow, 'fixed'),
      answerChoice(flow, 'restart'),
    ],
  };
}

export function allStepsReply(flow: FlowState, match: Match): Reply {
  const current = stepsOf(match)[flow.step];
  const choices = current
    ? stepChoices(flow, current.kind).filter(
        (c) => !(c.action.type === 'answer' && c.action.answer === 'all-steps'),
      )
    : [];
  choices.push(answerChoice(flow, 'restart'));
  return {
    kind: 'all-steps',
    flowId: flow.id,
    error: toErrorSummary(match),
    steps: stepsOf(match),
    current: flow.step,
    choices,
  };
}

/** A symptom match to confirm: the best candidate first, then the others. */
export function confirmReply(flowId: string, candidates: Match[]): Reply {
  return {
    kind: 'confirm',
    flowId,
    candidates: candidates.map((m) => ({ code: m.code, name: m.name, title: m.title })),
    choices: [
      ...candidates.map(
        (m, i): Choice => ({
          action: { type: 'choose', code: m.code, flowId },
          ...(i === 0 ? { style: 'positive' as const } : {}),
        }),
      ),
      { action: { type: 'none-of-these', flowId } },
    ],
  };
}

/** The one-shot answer of `wuerror <text>`: every match with all it is known for. */
export function explainReply(resolution: Resolution): Reply {
  const bySymptom = resolution.matches[0]?.via === 'symptom';
  // A description answered over a code nobody knows: the code is named, not explained.
  const unknownCodes = bySymptom
    ? resolution.matches.filter((match) => match.via !== 'symptom').map((match) => match.code)
    : [];
  const found = bySymptom
    ? resolution.matches.filter((match) => match.via === 'symptom')
    : resolution.matches;
  return {
    kind: 'explain',
    bySymptom,
    truncated: resolution.truncated,
    ...(resolution.otherProgram ? { otherProgram: resolution.otherProgram } : {}),
    ...(unknownCodes.length > 0 ? { unknownCodes } : {}),
    found: found.map(
      (match): ExplainedMatch => ({
        error: toErrorSummary(match),
        score: match.score,
        causes: match.entry?.causes ?? [],
        // A success code is not a fault to fix: no steps.
        steps: match.success ? [] : stepsOf(match),
        related: match.entry?.related ?? [],
        family:
          !match.entry && match.family
            ? { title: match.family.title, meaning: match.family.meaning }
            : null,
      }),
    ),
  };
}

/** The same reply with its buttons removed: how a card looks once answered. */
export function withoutChoices(reply: Reply): Reply {
  if (reply.kind === 'step') return { ...reply, choices: [], alsoMentioned: [] };
  if ('choices' in reply) return { ...reply, choices: [] };
  return reply;
}
