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
