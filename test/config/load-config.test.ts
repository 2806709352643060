import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';

describe('loadConfig', () => {
  it('runs on embedded defaults with nothing set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.dataDir).toMatch(/data$/);
    expect(config.teams.appId).toBeUndefined();
    expect(config.slack.signingSecret).toBeUndefined();
    expect(config.slack.slashVisibility).toBe('in_channel');
    expect(config.workers).toBe(1);
  });

  it('reads WEB_CONCURRENCY as a worker count and refuses nonsense', () => {
    expect(loadConfig({ WEB_CONCURRENCY: '2' }).workers).toBe(2);
    expect(() => loadConfig({ WEB_CONCURRENCY: '0' })).toThrow(/WEB_CONCURRENCY/);
    expect(() => loadConfig({ WEB_CONCURRENCY: 'two' })).toThrow(/WEB_CONCURRENCY/);
  });

  it('reads who checkpoints the SQLite log: inline unless told worker', () => {
    expect(loadConfig({}).sqliteCheckpoint).toBe('inline');
    expect(loadConfig({ WUERROR_SQLITE_CHECKPOINT: 'worker' }).sqliteCheckpoint).toBe('worker');
    expect(() => loadConfig({ WUERROR_SQLITE_CHECKPOINT: 'thread' })).toThrow(
      /WUERROR_SQLITE_CHECKPOINT/,
    );
  });

  it('reads the hand-off callback secret; empty means the endpoint is off', () => {
    expect(loadConfig({ HELPDESK_CALLBACK_SECRET: ' s3cret ' }).helpdeskCallbackSecret).toBe(
      's3cret',
    );
    expect(loadConfig({ HELPDESK_CALLBACK_SECRET: '  ' }).helpdeskCallbackSecret).toBeUndefined();
  });

  it('lists every problem at once without echoing secret values', () => {
    let message = '';
    try {
      loadConfig({
        PORT: 'eighty',
        HELPDESK_WEBHOOK_URL: 'not a url',
        SLACK_API_URL: 'ftp://x',
        WUERROR_SLASH_VISIBILITY: 'loud',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const name of [
      'PORT',
      'HELPDESK_WEBHOOK_URL',
      'SLACK_API_URL',
      'WUERROR_SLASH_VISIBILITY',
    ])
      expect(message).toContain(name);
    expect(() => loadConfig({ MicrosoftAppId: 'abc' })).toThrow(/MicrosoftAppPassword: required/);
    expect(() => loadConfig({ SLACK_SIGNING_SECRET: 'sekrit-value' })).toThrow(
      /SLACK_BOT_TOKEN: required/,
    );
    try {
      loadConfig({ SLACK_SIGNING_SECRET: 'sekrit-value' });
    } catch (error) {
      expect((error as Error).message).not.toContain('sekrit-value');
    }
  });

  it('reads the attached-file limits, 5 MB and 15 s by default', () => {
    expect(loadConfig({}).files).toEqual({ maxBytes: 5 * 1024 * 1024, timeoutMs: 15_000 });
    expect(
      loadConfig({ WUERROR_FILE_MAX_BYTES: '1048576', WUERROR_FILE_TIMEOUT_MS: '3000' }).files,
    ).toEqual({ maxBytes: 1_048_576, timeoutMs: 3000 });
    expect(() => loadConfig({ WUERROR_FILE_MAX_BYTES: 'big' })).toThrow(/WUERROR_FILE_MAX_BYTES/);
  });

  it('lists schema problems and cross-setting problems in one run', () => {
    expect(() => loadConfig({ PORT: 'eighty', SLACK_SIGNING_SECRET: 'sekrit-value' })).toThrow(
      /PORT[\s\S]*SLACK_BOT_TOKEN: required/,
    );
  });

  it('reads the knowledge folder from WUERROR_KNOWLEDGE_DIR, bundled when unset', () => {
    expect(loadConfig({}).knowledgeDir).toBeUndefined();
    expect(loadConfig({ WUERROR_KNOWLEDGE_DIR: './kb' }).knowledgeDir).toMatch(/[/\\]kb$/);
  });

  it('reads the hardening settings, with safe defaults', () => {
    const defaults = loadConfig({});
    expect(defaults.host).toBe('127.0.0.1');
    expect(defaults.limits).toEqual({
      perUser: 20,
      perConversation: 40,
      httpPerIp: 600,
      maxConnections: 1000,
      trustProxy: false,
    });
    expect(defaults.teams.serviceUrlAllowlist).toEqual([]);
    expect(defaults.teams.outboundProxy).toBe(false);
    expect(loadConfig({ https_proxy: 'http://proxy.example:3128' }).teams.outboundProxy).toBe(true);
    expect(loadConfig({ HTTP_PROXY: ' ' }).teams.outboundProxy).toBe(false);
    const set = loadConfig({
      HOST: '::1',
      TEAMS_SERVICE_URL_ALLOWLIST: ' smba.trafficmanager.net, https://example.com/bots/ ,',
      WUERROR_RATE_LIMIT_PER_USER: '0',
      WUERROR_HTTP_RATE_LIMIT: '5',
    });
    expect(set.host).toBe('::1');
    expect(set.openAnonymous).toBe(false);
    expect(set.teams.serviceUrlAllowlist).toEqual([
      'smba.trafficmanager.net',
      'https://example.com/bots/',
    ]);
    expect(set.limits.perUser).toBe(0);
    expect(set.limits.httpPerIp).toBe(5);
    expect(() =>
      loadConfig({ WUERROR_RATE_LIMIT_PER_USER: '-1', WUERROR_MAX_CONNECTIONS: '0' }),
    ).toThrow(/WUERROR_RATE_LIMIT_PER_USER[\s\S]*WUERROR_MAX_CONNECTIONS/);
  });
});

describe('loadConfig: scaling settings', () => {
  it('defaults to SQLite, 30-day idle expiry, a bounded queue and a 25 s drain', () => {
    const config = loadConfig({});
    expect(config.redisUrl).toBeUndefined();
    expect(config.stateTtlMs).toBe(30 * 24 * 60 * 60 * 1000);
    expect(config.work).toEqual({
      concurrency: 16,
      queueLimit: 200,
      saturatedStartsPerSecond: 100,
    });
    expect(config.shutdownTimeoutMs).toBe(25_000);
    expect(config.slack.appToken).toBeUndefined();
  });

  it('reads REDIS_URL, STATE_TTL_DAYS, the queue, the drain and the Socket Mode token', () => {
    const config = loadConfig({
      REDIS_URL: 'redis://:pw@redis:6379/0',
      STATE_TTL_DAYS: '0.5',
      WORK_CONCURRENCY: '4',
      WORK_QUEUE_LIMIT: '50',
      WORK_SATURATED_STARTS_PER_SECOND: '0',
      SHUTDOWN_TIMEOUT_MS: '10000',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_BOT_TOKEN: 'xoxb-1',
    });
    expect(config.redisUrl).toBe('redis://:pw@redis:6379/0');
    expect(config.stateTtlMs).toBe(12 * 60 * 60 * 1000);
    expect(config.work).toEqual({ concurrency: 4, queueLimit: 50, saturatedStartsPerSecond: 0 });
    expect(config.shutdownTimeoutMs).toBe(10_000);
    expect(config.slack.appToken).toBe('xapp-1');
  });

  it('refuses a non-Redis URL, a zero TTL and an app token without a bot token', () => {
    expect(() => loadConfig({ REDIS_URL: 'http://redis:6379' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ STATE_TTL_DAYS: '0' })).toThrow(/STATE_TTL_DAYS/);
    expect(() => loadConfig({ SLACK_APP_TOKEN: 'xapp-1' })).toThrow(
      /SLACK_BOT_TOKEN: required when SLACK_APP_TOKEN/,
    );
  });
});

describe('.env.example', () => {
  it('lists every variable the configuration reads, and its settings are valid', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const text = readFileSync(join(import.meta.dirname, '..', '..', '.env.example'), 'utf8');
    const source = readFileSync(
      join(import.meta.dirname, '..', '..', 'src', 'config', 'load-config.ts'),
      'utf8',
    );
    const schema = source.slice(source.indexOf('const EnvSchema'), source.indexOf('});'));
    const names = [...schema.matchAll(/^ {2}(\w+):/gm)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(15);
    for (const name of names) expect(text).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
    const set = Object.fromEntries(
      [...text.matchAll(/^(\w+)=(.*)$/gm)].map((m) => [m[1] as string, m[2] as string]),
    );
    expect(() => loadConfig(set)).not.toThrow();
  });
});
