/**
 * Starts the HTTP server with bounds that keep one slow or greedy client from
 * holding the rest: the whole request (headers and body) must arrive within
 * REQUEST_TIMEOUT_MS, headers within HEADERS_TIMEOUT_MS, idle keep-alive
 * sockets close, and at most `maxConnections` sockets are open at once.
 */
import { createServer, type RequestListener, type Server } from 'node:http';

export const REQUEST_TIMEOUT_MS = 15_000;
export const HEADERS_TIMEOUT_MS = 10_000;
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;

export interface ListenOptions {
  port: number;
  host: string;
  maxConnections: number;
  requestTimeoutMs?: number;
  headersTimeoutMs?: number;
}

export function listen(app: RequestListener, options: ListenOptions): Promise<Server> {
  const requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const server = createServer(
    {
      requestTimeout,
      headersTimeout: Math.min(options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS, requestTimeout),
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      // How often Node looks for requests past their time (30 s by default).
      connectionsCheckingInterval: Math.min(1_000, requestTimeout),
    },
    app,
  );
  server.maxConnections = options.maxConnections;
  return new Promise<Server>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve(server));
  });
}
