/**
 * The Teams side: botbuilder's CloudAdapter (authentication, the connector)
 * behind one endpoint, around one handler: activity -> Turn -> the shared
 * turn pipeline, with a sender that posts Adaptive Cards and replaces the
 * clicked card.
 *
 * The request path is ours, not `CloudAdapter.process`, so every refusal is
 * a short 4xx with one log line and a code (never botbuilder's stack trace
 * on the console or its internal error text in the answer):
 *   shape (400) -> token (401; 503 when the key endpoint is unreachable)
 *   -> serviceUrl policy (403) -> replay (200, once per activity id)
 *   -> a button click (`adaptiveCard/action` invoke): the turn, its card in
 *      the HTTP answer, within INVOKE_DEADLINE_MS (card-action-answer.ts)
 *   -> any other invoke (200, empty) -> the turn, answered within TURN_DEADLINE_MS.
 */
// botbuilder's index loads every part of the SDK (skills, streaming, Teams SSO,
// the old BotFrameworkAdapter); the CloudAdapter and botbuilder-core are all
// this bot uses, and importing just those makes start-up faster.
import { CloudAdapter } from 'botbuilder/lib/cloudAdapter.js';
import {
  type Activity,
  ActivityTypes,
  BotCallbackHandlerKey,
  CardFactory,
  type ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ConversationReference,
  type ResourceResponse,
  TurnContext,
} from 'botbuilder-core';
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { Config } from '../../config/load-config.js';
import type { Turn } from '../../core/contract.js';
import type { Conversation } from '../../core/create-conversation.js';
import type { Sender } from '../../core/run-turn.js';
import type { LogCode } from '../../errors.js';
import type { Logger } from '../../logging/logger.js';
import { forRequest } from '../../logging/request-logger.js';
import { requestIdOf } from '../../observability/request-context.js';
import { type TeamsCard, toAdaptiveCard, toAnsweredCard } from '../../renderers/adaptive-card.js';
import type { Endpoint, Notify } from '../../server/endpoint.js';
import { jsonBody } from '../../server/json-body.js';
import { DEFAULT_FILE_LIMITS, type FileLimits } from '../../services/read-log-file.js';
import type { StateStore } from '../../storage/state-store.js';
import { type CardActionAnswer, cardActionResponse } from './card-action-answer.js';
import { checkActivity } from './check-activity.js';
import { connectorTimeoutPolicy } from './connector-timeout.js';
import { fileOf, readTeamsFile } from './read-teams-file.js';
import { ReusingBotFrameworkAuthentication } from './reuse-connectors.js';
import { serviceUrlPolicy } from './service-url-policy.js';
import { isCardAction, toReplyChain, toTurn } from './to-turn.js';

export const TEAMS_PATH = '/api/messages';
/** Teams gives a bot 15 s to answer; what is left after this is margin. */
export const TURN_DEADLINE_MS = 10_000;
/**
 * A click's invoke is answered by then, whatever the turn still does: Teams
 * documents five seconds for a message extension's invokes (then it retries);
 * a card click is held to the same bound.
 */
export const INVOKE_DEADLINE_MS = 4_500;
/** Longer than the Bot Framework retries an activity, so a replay finds its claim. */
export const REPLAY_TTL_MS = 60 * 60 * 1000;
/** The largest activity accepted (1 MiB, as express.json({ limit: '1mb' }) took). */
const BODY_LIMIT_BYTES = 1024 * 1024;

export interface TeamsOptions {
  config: Config['teams'];
  conversation: Conversation;
  store: StateStore;
  logger: Logger;
  now: () => Date;
  /** Attached log files: size cap and download timeout. */
  fileLimits?: FileLimits;
  /** Test seam: where botbuilder fetches signing keys (a local OpenID metadata endpoint). */
  authOverrides?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
}

type AuthenticateRequestResult = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
>;

/**
 * CloudAdapter with a turn entry point of our own: we authenticate before it.
 * It does what botbuilder's `processActivity` does for an authenticated
 * request (the caller id on the activity, the connector client, the turn
 * context with the same turn state, `onTurnError` for a failing turn), minus
 * what this bot never uses and botbuilder would build for every turn: the
 * user-token client (OAuth sign-in), the middleware pipeline (none is
 * registered) with its revocable proxy around the context, and the invoke
 * result (our answers are written by `serve`).
 */
class TeamsAdapter extends CloudAdapter {
  async runTurn(
    auth: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    // As botbuilder sets it: null when anonymous, though the type says string.
    activity.callerId = auth.callerId as string;
    const client = await auth.connectorFactory?.create(activity.serviceUrl, auth.audience);
    if (!client) throw new Error('Unable to extract ConnectorClient from turn context.');
    const context = new TurnContext(this, activity);
    const state = context.turnState;
    state.set(this.BotIdentityKey, auth.claimsIdentity);
    state.set(this.ConnectorClientKey, client);
    state.set(BotCallbackHandlerKey, logic);
    state.set(this.ConnectorFactoryKey, auth.connectorFactory);
    state.set(this.OAuthScopeKey, auth.audience);
    if (activity.locale) context.locale = activity.locale;
    try {
      await logic(context);
    } catch (error) {
      if (!this.onTurnError) throw error;
      await this.onTurnError(context, error as Error);
    }
  }

  /**
   * botbuilder's, for the activities a turn sends (messages and typing), as a
   * native async function; anything else (a delay, an invoke response, a
   * trace) goes to botbuilder's own.
   */
  override async sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    if (!context) throw new TypeError('`context` parameter required');
    if (!activities?.length || activities.some((a) => !PLAIN_SENDS.has(a.type))) {
      return super.sendActivities(context, activities);
    }
    const client = context.turnState.get(this.ConnectorClientKey) as ConnectorClient | undefined;
    if (!client) throw new Error('Unable to extract ConnectorClient from turn context.');
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      delete activity.id;
      const conversationId = activity.conversation?.id as string;
      const response = activity.replyToId
        ? await client.conversations.replyToActivity(
            conversationId,
            activity.replyToId,
            activity as Activity,
          )
        : await client.conversations.sendToConversation(conversationId, activity as Activity);
      responses.push(response ?? { id: activity.id ?? '' });
    }
    return responses;
  }

  /** botbuilder's, as a native async function. */
  override async updateActivity(
    context: TurnContext,
    activity: Partial<Activity>,
  ): Promise<ResourceResponse | undefined> {
    if (!context) throw new TypeError('`context` parameter required');
    if (!activity) throw new TypeError('`activity` parameter required');
    const client = context.turnState.get(this.ConnectorClientKey) as ConnectorClient | undefined;
    if (!client) throw new Error('Unable to extract ConnectorClient from turn context.');
    const response = await client.conversations.updateActivity(
      activity.conversation?.id as string,
      activity.id as string,
      activity as Activity,
    );
    return response?.id ? { id: response.id } : undefined;
  }
}

/** What a turn sends: passed straight to the connector by botbuilder's sendActivities too. */
const PLAIN_SENDS = new Set<string | undefined>([ActivityTypes.Message, ActivityTypes.Typing]);

type ConnectorClient = Awaited<
  ReturnType<NonNullable<AuthenticateRequestResult['connectorFactory']>['create']>
>;

export function createTeamsEndpoint(options: TeamsOptions): Endpoint & { notify: Notify } {
  const { config, conversation, logger, store, now } = options;
  const fileLimits = options.fileLimits ?? DEFAULT_FILE_LIMITS;
  const anonymous = !config.appId;
  const auth = new ReusingBotFrameworkAuthentication(
    {
      MicrosoftAppId: config.appId,
      MicrosoftAppPassword: config.appPassword,
      MicrosoftAppTenantId: config.tenantId,
      MicrosoftAppType: config.appType,
      ...options.authOverrides,
    },
    { requestPolicyFactories: [connectorTimeoutPolicy()] },
    // Behind a configured proxy, botbuilder's client (which honours it) sends everything.
    { lean: !config.outboundProxy },
  );
  const adapter = new TeamsAdapter(auth);
  const allowed = serviceUrlPolicy(anonymous, config.serviceUrlAllowlist);
  // Failures outside our turn logic (botbuilder's own; the logic's are logged with the request id).
  adapter.onTurnError = async (context, error) => {
    logger.error(
      { err: error, activityId: context.activity.id, code: 'TEAMS_TURN_FAILED' satisfies LogCode },
      'teams turn failed',
    );
  };

  /** One request's turn; `reqId` goes on its log lines. */
  async function handle(
    context: TurnContext,
    reqId: string | undefined,
    clicked?: CardActionAnswer,
  ): Promise<void> {
    // Answers to a channel post go into its reply chain.
    const chained = toReplyChain(context.activity);
    if (chained !== context.activity) context.activity.conversation = chained.conversation;
    let turn = toTurn(context.activity, now());
    if (!turn) {
      if (clicked) clicked.refused = true;
      return;
    }
    const file = fileOf(context.activity);
    if (file && turn.input.kind === 'text') {
      // A download takes a moment: show that the bot is on it.
      await context.sendActivity({ type: ActivityTypes.Typing });
      const attached = await readTeamsFile(file, !config.appId, fileLimits);
      turn = { ...turn, input: { kind: 'file', text: turn.input.text, file: attached } };
    }
    await conversation.run(turn, teamsSender(context, turn.where.kind, clicked), { reqId });
  }

  const reject = (
    log: Logger,
    res: Response,
    status: number,
    reason: string,
    fields: object = {},
  ) => {
    log.info(
      { status, reason, ...fields, code: 'TEAMS_REJECTED' satisfies LogCode },
      'teams request refused',
    );
    res.status(status).json({ error: reason });
  };

  async function serve(req: Request, res: Response): Promise<void> {
    const reqId = requestIdOf(req);
    const log = forRequest(logger, reqId);
    const checked = checkActivity(req.body);
    if (!checked.ok) return reject(log, res, 400, checked.reason);
    const activity = checked.activity;

    let authenticated: AuthenticateRequestResult;
    try {
      authenticated = await auth.authenticateRequest(activity, req.headers.authorization ?? '');
    } catch (error) {
      if (isKeyEndpointDown(error)) {
        // The reason in the log names no URL either: the error text of a failed fetch can.
        log.error(
          { reason: describeAuthFailure(error), code: 'TEAMS_AUTH_UNAVAILABLE' satisfies LogCode },
          'could not load the Bot Framework signing keys',
        );
        res.status(503).json({ error: 'authentication unavailable, try again later' });
        return;
      }
      return reject(log, res, 401, 'unauthorized', { why: describeAuthFailure(error) });
    }

    if (!allowed(activity.serviceUrl)) {
      return reject(log, res, 403, 'serviceUrl not allowed', { activityId: activity.id });
    }
    if (activity.id && activity.type !== ActivityTypes.Invoke) {
      // With the store down the activity is taken, so the turn can apologise (a rare
      // double answer beats a silent 500).
      const first = await store
        .claim(`teams:activity:${activity.conversation.id}:${activity.id}`, REPLAY_TTL_MS)
        .catch(() => true);
      if (!first) {
        log.info(
          { activityId: activity.id, code: 'TEAMS_REPLAY_IGNORED' satisfies LogCode },
          'already processed this activity',
        );
        res.status(200).end();
        return;
      }
    }
    if (isCardAction(activity)) {
      // A click on an Action.Execute button: the invoke's answer carries the card.
      const clicked: CardActionAnswer = {};
      await runWithin(INVOKE_DEADLINE_MS, authenticated, activity, reqId, clicked);
      // Written directly: express's send would hash the card for an ETag no one asks for.
      const json = JSON.stringify(cardActionResponse(clicked) ?? {});
      res
        .writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(json),
        })
        .end(json);
      return;
    }
    if (activity.type === ActivityTypes.Invoke) {
      // No other invoke is ours; Teams expects 200 with an (empty) invoke response.
      res.status(200).json({});
      return;
    }

    await runWithin(TURN_DEADLINE_MS, authenticated, activity, reqId);
    res.status(200).end();
  }

  /** Runs the turn; resolves when it is done or at the deadline (the turn then goes on, logged). */
  async function runWithin(
    deadlineMs: number,
    authenticated: AuthenticateRequestResult,
    activity: Activity,
    reqId: string | undefined,
    clicked?: CardActionAnswer,
  ): Promise<void> {
    const log = forRequest(logger, reqId);
    const work = adapter
      .runTurn(authenticated, activity, (context) =>
        // What the turn logic throws is logged here, with the request id (as onTurnError would).
        handle(context, reqId, clicked).catch((error: unknown) => {
          log.error(
            {
              err: error,
              activityId: context.activity.id,
              code: 'TEAMS_TURN_FAILED' satisfies LogCode,
            },
            'teams turn failed',
          );
        }),
      )
      .then(() => 'done' as const);
    const late = new Promise<'late'>((resolve) => {
      const timer = setTimeout(() => resolve('late'), deadlineMs);
      void work.finally(() => clearTimeout(timer)).catch(() => {});
    });
    const outcome = await Promise.race([work, late]);
    if (outcome === 'late') {
      log.warn(
        { activityId: activity.id, code: 'TEAMS_TURN_SLOW' satisfies LogCode },
        'turn still running at the deadline; answered Teams anyway',
      );
      work.catch((error: unknown) => {
        log.error(
          { err: error, activityId: activity.id, code: 'TEAMS_TURN_FAILED' satisfies LogCode },
          'teams turn failed',
        );
      });
    }
  }

  const readBody = jsonBody({ limitBytes: BODY_LIMIT_BYTES });
  const serveOrFail: RequestHandler = async (req, res, next) => {
    try {
      await serve(req, res);
    } catch (error) {
      next(error);
    }
  };
  /** A POST on the path: the body, then the activity (the server may call it directly). */
  const post: RequestHandler = (req, res, next) =>
    readBody(req, res, (error?: unknown) => {
      if (error) next(error);
      else void serveOrFail(req, res, next);
    });
  const router = express.Router();
  router.post('/', post);

  /** A message outside any turn (hand-off news), on a stored conversation reference. */
  const notify: Notify = async (address, reply) => {
    const reference = address as Partial<ConversationReference>;
    await adapter.continueConversationAsync(config.appId ?? '', reference, async (context) => {
      await context.sendActivity(toActivity(toAdaptiveCard(reply)));
    });
  };
  return { path: TEAMS_PATH, handler: router, post, notify };
}

/** The OpenID metadata or key document could not be fetched (network, 5xx): not the caller's fault. */
function isKeyEndpointDown(error: unknown): boolean {
  // botframework-connector's AuthenticationError carries the status it means.
  const statusCode = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof statusCode === 'number') return statusCode >= 500;
  const name = (error as { name?: unknown } | null)?.name;
  const message = String((error as { message?: unknown } | null)?.message ?? '');
  return (
    name === 'FetchError' ||
    name === 'AbortError' ||
    /fetch failed|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|socket hang up/i.test(message)
  );
}

/** What was wrong with a token, in a few words from a fixed list: never the token or a URL. */
function describeAuthFailure(error: unknown): string {
  const message = String((error as { message?: unknown } | null)?.message ?? '');
  const known: Array<[RegExp, string]> = [
    [/expired/i, 'expired'],
    [/not active|nbf|before/i, 'not yet valid'],
    [/signing key|kid/i, 'unknown signing key'],
    [/algorithm|alg/i, 'algorithm not allowed'],
    [/audience/i, 'wrong audience'],
    [/issuer/i, 'wrong issuer'],
    [/signature/i, 'bad signature'],
    [/header|bearer|token/i, 'missing or malformed token'],
    [/load keys|openid/i, 'key endpoint failed'],
    [/unauthori[sz]ed/i, 'unauthorized'],
  ];
  return known.find(([pattern]) => pattern.test(message))?.[1] ?? 'invalid token';
}

/**
 * Replies as cards, and what becomes of old cards (README, "Buttons in
 * Teams"). For an Action.Execute click (`clicked`), the clicked card's new
 * form goes into the invoke's answer, which shows it to the person who
 * clicked: in personal chat that is everyone, so no message edit is made; in
 * a group chat or channel the message is edited as well, for the others. A
 * stale click is answered only to the person who clicked, in place of the
 * card, never posted. In personal chat a card that a later turn made old
 * keeps its buttons (no edit): a click on it is checked against the
 * conversation's current step like any other and answered as stale.
 */
function teamsSender(
  context: TurnContext,
  where: Turn['where']['kind'],
  clicked?: CardActionAnswer,
): Sender {
  const personal = where === 'personal';
  return {
    async post(reply) {
      if (clicked && reply.kind === 'stale') {
        clicked.card = toAdaptiveCard(reply);
        return undefined;
      }
      const rendered = toAdaptiveCard(reply);
      if (clicked && clicked.note === undefined) clicked.note = rendered.summary;
      // sendActivities: what sendActivity does, minus its own wrapper around it.
      const [sent] = await context.sendActivities([toActivity(rendered)]);
      return sent?.id;
    },
    async replace(answered, messageId) {
      if (messageId === undefined && clicked) {
        const card = toAnsweredCard(answered);
        clicked.card = card;
        const id = context.activity.replyToId;
        if (!personal && id) await context.updateActivity({ ...toActivity(card), id });
        return;
      }
      // A card made old by this turn (not the clicked one): left alone in personal chat.
      if (messageId !== undefined && personal) return;
      // The clicked card, or the card with this id; without an id there is nothing to replace.
      const id = messageId ?? context.activity.replyToId;
      if (id) await context.updateActivity({ ...toActivity(toAnsweredCard(answered)), id });
    },
    async typing() {
      await context.sendActivities([{ type: ActivityTypes.Typing }]);
    },
  };
}

function toActivity({ card, summary }: TeamsCard): Partial<Activity> {
  return { type: ActivityTypes.Message, summary, attachments: [CardFactory.adaptiveCard(card)] };
}
