/**
 * The ticketing system's way back to the person:
 * `POST /api/handoff/{flowId}/status` with `Authorization: Bearer <secret>`
 * and `{"status": "picked-up" | "resolved" | "note", "by"?, "message"?}`.
 * The news is posted where the hand-off was asked for (the Teams
 * conversation, the Slack thread), through the platform's own sender, from
 * the address kept in the state store under `handoff:<flowId>`.
 *
 * Answers: 202 delivered (or already delivered: a replay posts nothing), 401
 * bad secret, 404 unknown flow, 400 bad body, 502 the platform refused. Each
 * refusal is logged with its code. Off (not mounted) without a secret.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import type { Platform, Reply } from '../core/contract.js';
import { loadHandoffRecord } from '../core/handoff-record.js';
import type { LogCode } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { forRequest } from '../logging/request-logger.js';
import { requestIdOf } from '../observability/request-context.js';
import type { StateStore } from '../storage/state-store.js';
import type { Endpoint, Notify } from './endpoint.js';

export const HANDOFF_STATUS_PATH = '/api/handoff';

/** A replayed callback within this long posts nothing again. */
const REPLAY_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

const BodySchema = z
  .object({
    status: z.enum(['picked-up', 'resolved', 'note']),
    by: z.string().trim().min(1).max(200).optional(),
    message: z.string().trim().min(1).max(2000).optional(),
  })
  .strict()
  .refine((body) => body.status !== 'note' || body.message !== undefined, {
    message: 'a note needs a message',
  });

const FlowIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export interface HandoffStatusOptions {
  secret: string;
  store: StateStore;
  /** The platforms that can post outside a turn; a platform that is off is absent. */
  notify: Partial<Record<Platform, Notify>>;
  logger: Logger;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time comparison of the bearer secret (hashed first, so lengths do not leak). */
function isAuthorised(header: string | undefined, secret: string): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? '');
  return timingSafeEqual(digest(match?.[1] ?? ''), digest(secret)) && match !== null;
}

function parseJson(text: unknown): unknown {
  try {
    return typeof text === 'string' ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

export function createHandoffStatusEndpoint(options: HandoffStatusOptions): Endpoint {
  const { store } = options;
  const refuse = (
    logger: Logger,
    res: Response,
    status: number,
    code: LogCode,
    detail: Record<string, unknown>,
  ) => {
    logger.warn({ code, status, ...detail }, 'hand-off status callback refused');
    res.status(status).json({ error: code });
  };

  const router = express.Router();
  router.post(
    '/:flowId/status',
    // Read as text and parsed here, so a malformed body is refused (and logged) like any bad body.
    express.text({ limit: '16kb', type: () => true }),
    async (req: Request, res: Response) => {
      const logger = forRequest(options.logger, requestIdOf(req));
      const flowId = String(req.params.flowId ?? '');
      if (!isAuthorised(req.get('authorization'), options.secret))
        return refuse(logger, res, 401, 'HANDOFF_CALLBACK_UNAUTHORIZED', {
          flowId: flowId.slice(0, 64),
        });
      const body = BodySchema.safeParse(parseJson(req.body));
      if (!FlowIdSchema.safeParse(flowId).success || !body.success)
        return refuse(logger, res, 400, 'HANDOFF_CALLBACK_BAD_BODY', {
          flowId: flowId.slice(0, 64),
          issues: body.success ? ['flowId'] : body.error.issues.map((i) => i.path.join('.')),
        });
      const record = await loadHandoffRecord(store, flowId);
      const notify = record ? options.notify[record.address.platform] : undefined;
      if (!record || !notify)
        return refuse(logger, res, 404, 'HANDOFF_CALLBACK_UNKNOWN_FLOW', { flowId });

      // The same news twice (a retry, a replay) is posted once.
      const news = body.data;
      const replayKey = `handoff-status:${flowId}:${digest(JSON.stringify([news.status, news.by ?? '', news.message ?? ''])).toString('hex')}`;
      if (!(await store.claim(replayKey, REPLAY_WINDOW_MS))) {
        logger.info(
          { code: 'HANDOFF_CALLBACK_REPLAY' satisfies LogCode, flowId },
          'already delivered',
        );
        res.status(202).json({ delivered: false, replay: true });
        return;
      }
      const reply: Reply = {
        kind: 'handoff-status',
        status: news.status,
        by: news.by,
        message: news.message,
        error: record.error,
        ticket: record.ticket,
      };
      try {
        await notify(record.address.at, reply);
      } catch (error) {
        // Not delivered: the claim goes, so the ticketing system's retry can deliver it.
        await store.delete(replayKey).catch(() => undefined);
        logger.error(
          { err: error, code: 'HANDOFF_CALLBACK_FAILED' satisfies LogCode, flowId },
          'could not post the hand-off status',
        );
        res.status(502).json({ error: 'HANDOFF_CALLBACK_FAILED' });
        return;
      }
      logger.info(
        { code: 'HANDOFF_CALLBACK_DELIVERED' satisfies LogCode, flowId, status: news.status },
        'hand-off status posted',
      );
      res.status(202).json({ delivered: true });
    },
  );
  return { path: HANDOFF_STATUS_PATH, handler: router };
}
