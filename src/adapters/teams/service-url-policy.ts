/**
 * Where replies may go. With Bot Framework credentials botbuilder checks the
 * token, whose `serviceurl` claim must match the activity's. Without them
 * (local mode, the Agents Playground) nothing vouches for `serviceUrl`, so a
 * request could make the bot POST to any host (internal services, cloud
 * metadata): only loopback addresses are allowed, plus what
 * TEAMS_SERVICE_URL_ALLOWLIST names (hosts, or URL prefixes).
 */
import { isLoopbackHost } from '../../config/load-config.js';

export type ServiceUrlPolicy = (serviceUrl: string) => boolean;

export function serviceUrlPolicy(anonymous: boolean, allowlist: string[]): ServiceUrlPolicy {
  if (!anonymous && allowlist.length === 0) return () => true;
  const prefixes = allowlist.filter((item) => item.includes('://')).map((p) => p.toLowerCase());
  const hosts = allowlist.filter((item) => !item.includes('://')).map((h) => h.toLowerCase());
  return (serviceUrl) => {
    let url: URL;
    try {
      url = new URL(serviceUrl);
    } catch {
      return false;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    // Credentials without a list: botbuilder's check; anonymous: loopback always works.
    if (anonymous && isLoopbackHost(url.hostname)) return true;
    const href = url.href.toLowerCase();
    return (
      hosts.includes(url.hostname.toLowerCase()) ||
      prefixes.some((prefix) => href.startsWith(prefix))
    );
  };
}
