/**
 * Button payloads come back from a platform as untrusted JSON; this checks
 * them at the edge before they become a core `Action`.
 */
import { z } from 'zod';
import type { Action } from '../core/contract.js';
import { CodeSchema } from '../knowledge/schema.js';

const FlowId = z.string().min(1).max(64);

export const ActionSchema: z.ZodType<Action> = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('answer'),
    answer: z.enum(['fixed', 'not-fixed', 'done', 'skip', 'back', 'all-steps', 'restart', 'human']),
    flowId: FlowId,
    step: z.number().int().min(0).max(1000),
  }),
  z.object({ type: z.literal('choose'), code: CodeSchema, flowId: FlowId }),
  z.object({ type: z.literal('none-of-these'), flowId: FlowId }),
  z.object({ type: z.literal('start'), code: CodeSchema }),
]);

export function parseAction(value: unknown): Action | null {
  const result = ActionSchema.safeParse(value);
  return result.success ? result.data : null;
}
