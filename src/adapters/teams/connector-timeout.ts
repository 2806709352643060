/**
 * A timeout on every call botbuilder's connector client makes (send, update,
 * typing), added to its HTTP pipeline. Without it a `serviceUrl` that accepts
 * the connection and never answers holds the turn, and the inbound request,
 * for minutes. The pipeline's own retry policy stays (a bounded exponential
 * retry on 429 and 5xx); a timed-out call is not retried.
 */

/** The parts of @azure/core-http-compat's policy types used here (botbuilder's own pipeline). */
interface WebResourceLike {
  timeout: number;
}
interface RequestPolicy<R> {
  sendRequest(request: WebResourceLike): Promise<R>;
}
interface RequestPolicyFactory<R> {
  create(nextPolicy: RequestPolicy<R>, options: unknown): RequestPolicy<R>;
}

export const CONNECTOR_TIMEOUT_MS = 4_000;

export function connectorTimeoutPolicy<R>(
  timeoutMs = CONNECTOR_TIMEOUT_MS,
): RequestPolicyFactory<R> {
  return {
    create(nextPolicy: RequestPolicy<R>) {
      return {
        sendRequest(request: WebResourceLike) {
          if (!request.timeout || request.timeout > timeoutMs) request.timeout = timeoutMs;
          return nextPolicy.sendRequest(request);
        },
      };
    },
  };
}
