/**
 * botbuilder builds a new ConnectorClient for every turn: a fresh HTTP
 * pipeline, fresh credentials and a fresh agent, so every answer opens a
 * new connection to the Bot Framework connector (a TLS handshake against
 * the real one) and a profile under load shows the pipeline construction as
 * botbuilder's biggest cost per request. This authentication keeps one
 * ConnectorClient per bot id, service URL and audience and hands it to every
 * turn: connections are kept alive and the token cache of its credentials
 * lives on. Nothing else changes: requests are authenticated as before.
 */
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder-core';

type Options = ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0];
type Factory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type Client = Awaited<ReturnType<Factory['create']>>;

/** More distinct connectors than a bot ever talks to; past it the cache starts over. */
const MAX_CLIENTS = 64;

export class ReusingBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new Map<string, Promise<Client>>();

  constructor(options: Options) {
    super(options);
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

  /** How many clients are kept (for tests). */
  get size(): number {
    return this.clients.size;
  }

  private reusing(factory: Factory): Factory {
    // The bot id the factory signs in as (undefined in anonymous local mode).
    const appId = (factory as unknown as { appId?: unknown }).appId;
    const create: Factory['create'] = (serviceUrl, audience) => {
      const key = JSON.stringify([typeof appId === 'string' ? appId : null, serviceUrl, audience]);
      let client = this.clients.get(key);
      if (!client) {
        if (this.clients.size >= MAX_CLIENTS) this.clients.clear();
        client = factory.create(serviceUrl, audience);
        // A failed creation (credentials refused) is not kept: the next turn tries again.
        client.catch(() => this.clients.delete(key));
        this.clients.set(key, client);
      }
      return client;
    };
    return Object.assign(Object.create(Object.getPrototypeOf(factory)), factory, { create });
  }
}
