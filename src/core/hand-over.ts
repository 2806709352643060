/**
 * A hand-off to a human from any point of a conversation: in a flow, after
 * its last step, after a no-match or a rejected guess, or with nothing in
 * progress at all. The summary carries what is known: the error and the
 * steps tried when there is a flow, and always the person's own words, the
 * codes they pasted and the candidates they turned down.
 */
import { toErrorSummary } from './build-replies.js';
import type { HandoffSummary, Turn } from './contract.js';
import type { ConversationState } from './conversation-state.js';
import type { DecideContext, Decision } from './decide-turn.js';

export function handOver(turn: Turn, state: ConversationState, ctx: DecideContext): Decision {
  const flow = state.flow;
  const describe = (code: string) => ctx.resolver.describe(code);
  const summary: HandoffSummary = {
    error: flow ? toErrorSummary(describe(flow.code)) : null,
    tried: flow?.tried ?? [],
    said: state.notes.said,
    rejected: state.notes.rejected.map((code) => ({ code, title: describe(code).title })),
    codes: state.notes.codes,
    requestedBy: turn.user,
    where: turn.where,
    at: turn.at.toISOString(),
    flowId: flow?.id ?? ctx.newId(),
  };
  return {
    state: {
      ...state,
      flow: flow ? { ...flow, status: 'handed-off' } : null,
      confirm: null,
      lastHandoff: summary,
    },
    replies: [{ kind: 'handoff', summary }],
    handoff: summary,
  };
}
