/**
 * botbuilder builds a new ConnectorClient for every turn: a fresh HTTP
 * pipeline, fresh credentials and a fresh agent, so every answer opens a
 * new connection to the Bot Framework connector (a TLS handshake against
 * the real one) and a profile under load shows the pipeline construction as
 * botbuilder's biggest cost per request. This authentication keeps one
 * ConnectorClient per bot id, service URL and audience and hands it to every
 * turn: connections are kept alive and the token cache of its credentials
 * lives on. The user-token client (OAuth sign-in, which this bot does not
 * use but botbuilder builds for every turn) is kept per bot id the same way.
 *
 * What botbuilder's authentication hands each request is kept too, where it
 * cannot differ from one request to the next: the connector factory (one per
 * bot id: botbuilder builds a new one, with the same settings, for every
 * request) and, in anonymous local mode (no app id: botbuilder validates no
 * token then), the whole answer but a fresh anonymous identity. With an app id
 * every request's token is validated by botbuilder as before; nothing of a
 * validation is kept.
 */
import {
  type Activity,
  Channels,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  RoleTypes,
} from 'botbuilder-core';
import { type ConnectorClientLike, useLeanCalls } from './lean-connector.js';

type Options = ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0];
type ConnectorOptions = ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4];
type Factory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type Client = Awaited<ReturnType<Factory['create']>>;
type Claims = Parameters<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>[0];
type TokenClient = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>
>;
type Authenticated = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
>;
type Identity = Authenticated['claimsIdentity'];

/** More distinct connectors than a bot ever talks to; past it the cache starts over. */
const MAX_CLIENTS = 64;

export class ReusingBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new Map<string, Promise<Client>>();
  private readonly tokenClients = new Map<string, Promise<TokenClient>>();
  /** The reusing connector factory per bot id (null: anonymous). */
  private readonly factories = new Map<string | null, Factory>();
  /** Whether botbuilder validates tokens at all (no app id: it does not); asked once. */
  private readonly disabled: Promise<boolean>;
  /** Anonymous mode: botbuilder's answer to the first request, the same for every later one. */
  private anonymous: Authenticated | undefined;

  private readonly lean: boolean;

  /**
   * `connectorClientOptions`: the connector's HTTP pipeline settings (our call
   * timeout). `lean`: the calls a turn makes go out as plain requests
   * (lean-connector.ts) instead of through that pipeline.
   */
  constructor(
    options: Options,
    connectorClientOptions?: ConnectorOptions,
    { lean = false }: { lean?: boolean } = {},
  ) {
    // The credentials factory botbuilder would build from the same options, kept to ask it once
    // whether authentication is disabled (it answers from the app id, which does not change).
    const credentials = new ConfigurationServiceClientCredentialFactory(options);
    super(options, credentials, undefined, undefined, connectorClientOptions);
    this.lean = lean;
    this.disabled = credentials.isAuthenticationDisabled();
    // Never rejects; a rejection here would only mean "ask botbuilder every time".
    this.disabled.catch(() => {});
  }

  override async authenticateRequest(activity: Activity, authHeader: string) {
    const template = this.anonymous;
    if (template && !isEmulatorSkill(activity)) {
      // botbuilder's anonymous answer: no token looked at, callerId cleared, the
      // channel's scope as audience, an identity without claims (its own, fresh).
      const Identity = template.claimsIdentity.constructor as new (
        claims: Identity['claims'],
        authenticationType?: string,
      ) => Identity;
      return {
        audience: template.audience,
        callerId: template.callerId,
        claimsIdentity: new Identity([], authenticationTypeOf(template.claimsIdentity)),
        connectorFactory: template.connectorFactory,
      };
    }
    const result = await super.authenticateRequest(activity, authHeader);
    const factory = result.connectorFactory;
    const answer = factory ? { ...result, connectorFactory: this.reusing(factory) } : result;
    if (!template && !isEmulatorSkill(activity) && (await this.disabled.catch(() => false))) {
      this.anonymous = answer;
    }
    return answer;
  }

  override createConnectorFactory(
    ...args: Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>
  ): Factory {
    return this.reusing(super.createConnectorFactory(...args));
  }

  override createUserTokenClient(claims: Claims): Promise<TokenClient> {
    // botbuilder's own choice of bot id: the token's audience, else its appid claim.
    const appId = claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? null;
    return remember(this.tokenClients, JSON.stringify([appId]), () =>
      super.createUserTokenClient(claims),
    );
  }

  /** How many connector clients are kept (for tests). */
  get size(): number {
    return this.clients.size;
  }

  private reusing(factory: Factory): Factory {
    // The bot id the factory signs in as (undefined in anonymous local mode).
    const raw = (factory as unknown as { appId?: unknown }).appId;
    const appId = typeof raw === 'string' ? raw : null;
    // botbuilder's factories for one bot id differ in nothing else (same scope, login
    // endpoint, credentials factory and client options): the first one serves them all.
    const kept = this.factories.get(appId);
    if (kept) return kept;
    const create: Factory['create'] = (serviceUrl, audience) => {
      const key = JSON.stringify([appId, serviceUrl, audience]);
      return remember(this.clients, key, async () => {
        const client = await factory.create(serviceUrl, audience);
        if (this.lean) useLeanCalls(client as unknown as ConnectorClientLike);
        return client;
      });
    };
    const reusing: Factory = Object.assign(Object.create(Object.getPrototypeOf(factory)), factory, {
      create,
    });
    if (this.factories.size >= MAX_CLIENTS) this.factories.clear();
    this.factories.set(appId, reusing);
    return reusing;
  }
}

/** The identity's authentication type ('anonymous' here): botbuilder keeps it private. */
function authenticationTypeOf(identity: Identity): string | undefined {
  return (identity as unknown as { authenticationType?: string }).authenticationType;
}

/** botbuilder's one anonymous case that differs: a skill called from the Emulator. */
function isEmulatorSkill(activity: Activity): boolean {
  return activity.channelId === Channels.Emulator && activity.recipient?.role === RoleTypes.Skill;
}

/** The cached promise for key, or a new one from make; a failed one is not kept. */
function remember<T>(
  cache: Map<string, Promise<T>>,
  key: string,
  make: () => Promise<T>,
): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    if (cache.size >= MAX_CLIENTS) cache.clear();
    value = make();
    // A failed creation (credentials refused) is not kept: the next turn tries again.
    value.catch(() => cache.delete(key));
    cache.set(key, value);
  }
  return value;
}
