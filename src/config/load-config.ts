/**
 * Environment -> typed configuration, validated once at start-up. Every
 * problem is listed at once, and secret values never appear in messages.
 * Nothing else in src/ reads process.env.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { WuerrorError } from '../errors.js';

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));
const optionalUrl = optionalText.pipe(z.url({ protocol: /^https?$/ }).optional());
const optionalRedisUrl = optionalText.pipe(z.url({ protocol: /^rediss?$/ }).optional());
const positiveInt = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/** A count per minute; 0 turns the limit off. */
const perMinute = (fallback: number) =>
  z.coerce.number().int().min(0).max(1_000_000_000).default(fallback);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3978),
  HOST: optionalText,
  TEAMS_SERVICE_URL_ALLOWLIST: optionalText,
  WUERROR_RATE_LIMIT_PER_USER: perMinute(20),
  WUERROR_RATE_LIMIT_PER_CONVERSATION: perMinute(40),
  WUERROR_HTTP_RATE_LIMIT: perMinute(600),
  WUERROR_TRUST_PROXY: optionalText,
  WUERROR_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  WUERROR_SQLITE_CHECKPOINT: z.enum(['inline', 'worker']).default('inline'),
  WUERROR_KNOWLEDGE_DIR: optionalText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HELPDESK_WEBHOOK_URL: optionalUrl,
  HELPDESK_CALLBACK_SECRET: optionalText,
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppTenantId: optionalText,
  MicrosoftAppType: optionalText.pipe(
    z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_BOT_TOKEN: optionalText,
  SLACK_API_URL: optionalUrl,
  SLACK_APP_TOKEN: optionalText,
  WUERROR_SLASH_VISIBILITY: z.enum(['in_channel', 'ephemeral']).default('in_channel'),
  REDIS_URL: optionalRedisUrl,
  STATE_TTL_DAYS: z.coerce.number().positive().default(30),
  WORK_CONCURRENCY: positiveInt(16),
  WORK_QUEUE_LIMIT: positiveInt(200),
  WORK_SATURATED_STARTS_PER_SECOND: z.coerce.number().int().min(0).default(100),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(25_000),
  WUERROR_FILE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(100 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  WUERROR_FILE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
});

export interface Config {
  port: number;
  /** Interface to listen on: loopback unless set, or Bot Framework credentials are set. */
  host: string;
  /** True when HOST opens an anonymous (no credentials) server beyond loopback. */
  openAnonymous: boolean;
  limits: {
    /** Turns per person per minute (0: no limit). */
    perUser: number;
    /** Turns per conversation per minute (0: no limit). */
    perConversation: number;
    /** HTTP requests per client IP per minute on the platform endpoints (0: no limit). */
    httpPerIp: number;
    /** Concurrent connections the server accepts. */
    maxConnections: number;
    /**
     * Which peers may name the client in X-Forwarded-For (express's `trust
     * proxy`: hops, `loopback`, `uniquelocal`, addresses); false: the TCP peer is the client.
     */
    trustProxy: string | number | false;
  };
  /** How many server processes share the port (node:cluster); 1 runs the server in this process. */
  workers: number;
  dataDir: string;
  /**
   * Who checkpoints the SQLite write-ahead log: the connection, inside a commit
   * (inline), or a worker thread, off the event loop (worker: no pause on a slow
   * disk, about 11 MB more memory).
   */
  sqliteCheckpoint: 'inline' | 'worker';
  /** Where the knowledge files are; the bundled `knowledge/` folder when unset. */
  knowledgeDir: string | undefined;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  helpdeskWebhookUrl: string | undefined;
  /** Shared state on Redis for several instances; the SQLite file in dataDir when unset. */
  redisUrl: string | undefined;
  /** Idle conversations are forgotten after this long without a turn. */
  stateTtlMs: number;
  /** Work deferred after an acknowledgement (Slack): how much at once, how much may wait. */
  work: {
    concurrency: number;
    queueLimit: number;
    /** Work started per second at most while the event loop is saturated (0: no cap). */
    saturatedStartsPerSecond: number;
  };
  /** How long SIGTERM/SIGINT waits for in-flight turns and queued work before closing. */
  shutdownTimeoutMs: number;
  /** Bearer secret of the hand-off status callback; the endpoint is off without it. */
  helpdeskCallbackSecret: string | undefined;
  teams: {
    /**
     * Where replies may go besides loopback in anonymous mode: hosts
     * (`example.com`) or URL prefixes (`https://smba.trafficmanager.net/`).
     */
    serviceUrlAllowlist: string[];
    appId: string | undefined;
    appPassword: string | undefined;
    tenantId: string | undefined;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI' | undefined;
    /**
     * HTTPS_PROXY, HTTP_PROXY or ALL_PROXY is set: connector calls go through
     * botbuilder's own HTTP client, which honours them (and NO_PROXY).
     */
    outboundProxy: boolean;
  };
  slack: {
    signingSecret: string | undefined;
    botToken: string | undefined;
    apiUrl: string | undefined;
    /** An app-level token (xapp-...): Socket Mode instead of the HTTP endpoint. */
    appToken: string | undefined;
    slashVisibility: 'in_channel' | 'ephemeral';
  };
  /** Log files people attach: read up to `maxBytes`, downloaded within `timeoutMs`. */
  files: { maxBytes: number; timeoutMs: number };
}

/** Settings that are valid alone but not together, read from the raw environment. */
function crossProblems(env: Record<string, string | undefined>): string[] {
  const set = (name: string) => Boolean(env[name]?.trim());
  const appType = env.MicrosoftAppType?.trim();
  const problems: string[] = [];
  if (set('MicrosoftAppId') && !set('MicrosoftAppPassword') && appType !== 'UserAssignedMSI') {
    problems.push(
      'MicrosoftAppPassword: required when MicrosoftAppId is set (except for UserAssignedMSI)',
    );
  }
  if (appType === 'SingleTenant' && !set('MicrosoftAppTenantId')) {
    problems.push('MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant');
  }
  if (set('SLACK_SIGNING_SECRET') && !set('SLACK_BOT_TOKEN')) {
    problems.push('SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET is set');
  }
  if (set('SLACK_APP_TOKEN') && !set('SLACK_BOT_TOKEN')) {
    problems.push('SLACK_BOT_TOKEN: required when SLACK_APP_TOKEN is set');
  }
  return problems;
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = EnvSchema.safeParse(env);
  // Every problem in one run: the schema's and the cross-setting ones together.
  const problems = [
    ...(result.success
      ? []
      : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)),
    ...crossProblems(env),
  ];
  if (!result.success || problems.length > 0) {
    throw new WuerrorError(
      'CONFIG_INVALID',
      `invalid configuration:\n  - ${problems.join('\n  - ')}`,
    );
  }
  const e = result.data;
  const anonymous = !e.MicrosoftAppId;
  const host = e.HOST ?? (anonymous ? '127.0.0.1' : '0.0.0.0');
  return {
    port: e.PORT,
    host,
    openAnonymous: anonymous && !isLoopbackHost(host),
    limits: {
      perUser: e.WUERROR_RATE_LIMIT_PER_USER,
      perConversation: e.WUERROR_RATE_LIMIT_PER_CONVERSATION,
      httpPerIp: e.WUERROR_HTTP_RATE_LIMIT,
      maxConnections: e.WUERROR_MAX_CONNECTIONS,
      trustProxy: trustProxyOf(e.WUERROR_TRUST_PROXY),
    },
    workers: e.WEB_CONCURRENCY,
    dataDir: resolve(e.DATA_DIR),
    sqliteCheckpoint: e.WUERROR_SQLITE_CHECKPOINT,
    knowledgeDir: e.WUERROR_KNOWLEDGE_DIR ? resolve(e.WUERROR_KNOWLEDGE_DIR) : undefined,
    logLevel: e.LOG_LEVEL,
    helpdeskWebhookUrl: e.HELPDESK_WEBHOOK_URL,
    redisUrl: e.REDIS_URL,
    stateTtlMs: Math.round(e.STATE_TTL_DAYS * 24 * 60 * 60 * 1000),
    work: {
      concurrency: e.WORK_CONCURRENCY,
      queueLimit: e.WORK_QUEUE_LIMIT,
      saturatedStartsPerSecond: e.WORK_SATURATED_STARTS_PER_SECOND,
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    helpdeskCallbackSecret: e.HELPDESK_CALLBACK_SECRET,
    teams: {
      serviceUrlAllowlist: (e.TEAMS_SERVICE_URL_ALLOWLIST ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      tenantId: e.MicrosoftAppTenantId,
      appType: e.MicrosoftAppType,
      outboundProxy: PROXY_VARIABLES.some((name) => Boolean(env[name]?.trim())),
    },
    slack: {
      signingSecret: e.SLACK_SIGNING_SECRET,
      botToken: e.SLACK_BOT_TOKEN,
      apiUrl: e.SLACK_API_URL,
      appToken: e.SLACK_APP_TOKEN,
      slashVisibility: e.WUERROR_SLASH_VISIBILITY,
    },
    files: { maxBytes: e.WUERROR_FILE_MAX_BYTES, timeoutMs: e.WUERROR_FILE_TIMEOUT_MS },
  };
}

/** The proxy variables botbuilder's HTTP client reads, either case. */
const PROXY_VARIABLES = ['HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY'].flatMap((name) => [
  name,
  name.toLowerCase(),
]);

function trustProxyOf(value: string | undefined): string | number | false {
  if (!value || value === 'false') return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** 127.0.0.1, ::1, localhost and the rest of 127/8. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}
