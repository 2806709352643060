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
 * Nothing else changes: requests are authenticated as before.
 */
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder-core';
import { type ConnectorClientLike, useLeanCalls } from './lean-connector.js';

type Options = ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0];
type ConnectorOptions = ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4];
type Factory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type Client = Awaited<ReturnType<Factory['create']>>;
type Claims = Parameters<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>[0];
type TokenClient = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>
>;

/** More distinct connectors than a bot ever talks to; past it the cache starts over. */
const MAX_CLIENTS = 64;

export class ReusingBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new Map<string, Promise<Client>>();
  private readonly tokenClients = new Map<string, Promise<TokenClient>>();

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
    super(options, undefined, undefined, undefined, connectorClientOptions);
    this.lean = lean;
  }

  override async authenticateRequest(
    ...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
  ) {
    const result = await super.authenticateRequest(...args);
    const factory = result.connectorFactory;
    return factory ? { ...result, connectorFactory: this.reusing(factory) } : result;
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
    const appId = (factory as unknown as { appId?: unknown }).appId;
    const create: Factory['create'] = (serviceUrl, audience) => {
      const key = JSON.stringify([typeof appId === 'string' ? appId : null, serviceUrl, audience]);
      return remember(this.clients, key, async () => {
        const client = await factory.create(serviceUrl, audience);
        if (this.lean) useLeanCalls(client as unknown as ConnectorClientLike);
        return client;
      });
    };
    return Object.assign(Object.create(Object.getPrototypeOf(factory)), factory, { create });
  }
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
