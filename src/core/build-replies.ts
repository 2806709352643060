/**
 * Small factories for the replies of a flow, so the conversation logic reads
 * as decisions and not as object literals.
 */
import type { Step } from '../knowledge/types.js';
import type { Match } from '../resolver/create-resolver.js';
import type { Answer, Choice, ErrorSummary, Reply } from './contract.js';
import type { FlowState } from './conversation-state.js';

export function toErrorSummary(match: Match): ErrorSummary {
  const meaning =
    match.entry?.meaning ??
    (match.family
      ? `${match.family.title}. ${match.family.meaning}`
      : 'No public description is known for this code.');
  return { code: match.code, name: match.name, title: match.title, source: match.source, meaning };
}

export function stepsOf(match: Match): Step[] {
  return match.entry?.steps ?? match.family?.steps ?? [];
}

function answerChoice(
  flow: FlowState,
  label: string,
  answer: Answer,
  style?: Choice['style'],
): Choice {
  return {
    label,
    action: { type: 'answer', answer, flowId: flow.id, step: flow.step },
    ...(style ? { style } : {}),
  };
}

export function stepChoices(flow: FlowState, kind: Step['kind'] = 'fix'): Choice[] {
  const choices =
    kind === 'check'
      ? [answerChoice(flow, 'Yes', 'done', 'positive'), answerChoice(flow, 'No', 'not-fixed')]
      : [
          answerChoice(flow, 'Yes, fixed', 'fixed', 'positive'),
          answerChoice(flow, 'No, still failing', 'not-fixed'),
        ];
  choices.push(answerChoice(flow, 'Skip this step', 'skip'));
  if (flow.step > 0) choices.push(answerChoice(flow, 'Back', 'back'));
  choices.push(
    answerChoice(flow, 'All steps', 'all-steps'),
    answerChoice(flow, 'Get a human', 'human', 'destructive'),
  );
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
      answerChoice(flow, 'Hand it to a human', 'human', 'positive'),
      answerChoice(flow, 'It is fixed after all', 'fixed'),
      answerChoice(flow, 'Start over', 'restart'),
    ],
  };
}

export function allStepsReply(flow: FlowState, match: Match): Reply {
  const current = stepsOf(match)[flow.step];
  const choices = current
    ? stepChoices(flow, current.kind).filter((c) => c.label !== 'All steps')
    : [];
  choices.push(answerChoice(flow, 'Start over', 'restart'));
  return {
    kind: 'all-steps',
    flowId: flow.id,
    error: toErrorSummary(match),
    steps: stepsOf(match),
    current: flow.step,
    choices,
  };
}

/** "It sounds like 0x8024401B, proxy authentication required. Is that it?" */
export function confirmReply(flowId: string, candidates: Match[]): Reply {
  const [best] = candidates;
  const question = best
    ? `It sounds like ${best.code}${best.name ? ` (${best.name})` : ''}: ${best.title}. Is that it?`
    : 'Which of these is it?';
  return {
    kind: 'confirm',
    flowId,
    question,
    candidates: candidates.map((m) => ({ code: m.code, name: m.name, title: m.title })),
    choices: [
      ...candidates.map(
        (m, i): Choice => ({
          label: i === 0 ? `Yes, ${m.code}` : m.code,
          action: { type: 'choose', code: m.code, flowId },
          ...(i === 0 ? { style: 'positive' as const } : {}),
        }),
      ),
      { label: 'None of these', action: { type: 'none-of-these', flowId } },
    ],
  };
}

/** The same reply with its buttons removed: how a card looks once answered. */
export function withoutChoices(reply: Reply): Reply {
  if (reply.kind === 'step') return { ...reply, choices: [], alsoMentioned: [] };
  if ('choices' in reply) return { ...reply, choices: [] };
  return reply;
}
