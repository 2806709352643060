/**
 * A stand-in for the Bot Framework's signing keys: an RSA key pair of our
 * own, served as OpenID metadata + JWKS from a local HTTP server, and a
 * signer for test tokens (valid ones and every kind of forgery). botbuilder
 * is pointed at it with ToBotFromChannelOpenIdMetadataUrl.
 */
import { createHmac, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const ISSUER = 'https://api.botframework.com';
export const KEY_ID = 'wuerror-test-key';

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export interface KeyServer {
  metadataUrl: string;
  /** How many times botbuilder fetched the metadata or the keys. */
  fetches: number;
  privateKey: KeyObject;
  publicKeyPem: string;
  close(): Promise<void>;
}

export async function startKeyServer(): Promise<KeyServer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  let base = '';
  const state = { fetches: 0 };
  const server: Server = createServer((req, res) => {
    state.fetches++;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/openid') {
      res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/keys` }));
    } else if (req.url === '/keys') {
      res.end(
        JSON.stringify({
          keys: [{ ...jwk, kid: KEY_ID, kty: 'RSA', use: 'sig', endorsements: ['msteams'] }],
        }),
      );
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${base}/openid`,
    get fetches() {
      return state.fetches;
    },
    privateKey,
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface TokenOptions {
  appId: string;
  serviceUrl: string;
  /** Seconds relative to now. */
  issuedAt?: number;
  notBefore?: number;
  expiresIn?: number;
  issuer?: string;
  audience?: string;
  kid?: string;
  alg?: 'RS256' | 'none' | 'HS256';
  /** Sign with this key instead of the served one (a forgery). */
  key?: KeyObject;
  /** For HS256: the HMAC secret (classic confusion attack: the public key as secret). */
  hmacSecret?: string;
}

export function signToken(server: KeyServer, options: TokenOptions): string {
  const now = Math.floor(Date.now() / 1000);
  const alg = options.alg ?? 'RS256';
  const header = { alg, typ: 'JWT', kid: options.kid ?? KEY_ID };
  const payload = {
    iss: options.issuer ?? ISSUER,
    aud: options.audience ?? options.appId,
    serviceurl: options.serviceUrl,
    iat: now + (options.issuedAt ?? -10),
    nbf: now + (options.notBefore ?? -10),
    exp: now + (options.expiresIn ?? 3600),
  };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  if (alg === 'none') return `${input}.`;
  if (alg === 'HS256') {
    const secret = options.hmacSecret ?? server.publicKeyPem;
    return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
  }
  const signature = sign('sha256', Buffer.from(input), options.key ?? server.privateKey);
  return `${input}.${b64url(signature)}`;
}

/**
 * botbuilder's public-cloud settings with only the key endpoint replaced:
 * one override switches botbuilder to fully explicit settings, so the rest
 * (botbuilder's AuthenticationConstants for the public cloud) is given too.
 */
export function publicCloudWith(metadataUrl: string) {
  return {
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromChannelTokenIssuer: ISSUER,
    OAuthUrl: 'https://api.botframework.com',
    CallerId: 'urn:botframework:azure',
    ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
  };
}
