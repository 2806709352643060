/**
 * The `fetch` Bolt and its Web API client share (`clientOptions.fetch`). The
 * Web API client bounds every attempt itself (its `timeout` gives each
 * request a time-limited signal) and retries by its own `retryConfig`; a
 * second timer and `AbortSignal.any` around each of its calls would only add
 * work. Bolt's `respond()` (a response_url) gives no signal and no time limit,
 * so a call without a signal goes through `bounded`.
 */
export function slackFetch(bounded: typeof fetch, plain: typeof fetch = fetch): typeof fetch {
  return (input, init) => (init?.signal ? plain(input, init) : bounded(input, init));
}
