/**
 * Log files sent to the bot in a Teams personal chat, end to end: the
 * file download-info attachment Teams sends, the download served by a local
 * server (anonymous local mode allows only loopback), and the host policy.
 */

import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { teamsFileAllowed } from '../../../src/adapters/teams/read-teams-file.js';
import {
  cardText,
  fixture,
  type Json,
  startTeamsHarness,
  type TeamsHarness,
} from '../../support/teams-harness.js';
import { cardProblems } from '../../support/validate-adaptive-card.js';

const cbs = readFileSync(
  join(import.meta.dirname, '..', '..', 'fixtures', 'logs', 'cbs-package-failed.log'),
);
let files: Server;
let base: string;
const served: string[] = [];
beforeAll(async () => {
  files = createServer((req, res) => {
    served.push(req.url ?? '');
    if (req.url?.startsWith('/download.aspx')) res.end(cbs);
    else if (req.url === '/empty.log') res.end('');
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => files.close(() => resolve())));

let harness: TeamsHarness | undefined;
afterEach(async () => {
  for (const { card } of harness?.cards() ?? []) expect(cardProblems(card)).toEqual([]);
  await harness?.close();
  harness = undefined;
});

function withFile(downloadUrl: string, name = 'CBS.log'): Json {
  const activity = fixture('personal-file');
  activity.id = `msg-${Math.random().toString(36).slice(2)}`;
  activity.attachments[0].name = name;
  activity.attachments[0].content.downloadUrl = downloadUrl;
  return activity;
}

async function start(): Promise<TeamsHarness> {
  harness = await startTeamsHarness();
  return harness;
}

const lastCard = (h: TeamsHarness) => {
  const card = h.cards().at(-1);
  if (!card) throw new Error('the bot sent no card');
  return card;
};

describe('a file sent in Teams personal chat', () => {
  it('is downloaded from the downloadUrl and read like a paste, its line in monospace', async () => {
    const h = await start();
    await h.post(withFile(`${base}/download.aspx?UniqueId=1&tempauth=x`));
    const { card, summary } = lastCard(h);
    expect(summary).toMatch(/^0x80070643 ERROR_INSTALL_FAILURE: step 1 of/);
    expect(cardText(card)).toContain('CBS.log: Package KB5034441 failed with 0x80070643');
    const quote = card.body.find(
      (e: Json) => e.type === 'RichTextBlock' && e.inlines[0].text.includes('Error CBS Package'),
    );
    expect(quote?.inlines[0].fontType).toBe('Monospace');
  });

  it('answers an empty file and an .etl with what to send instead', async () => {
    const h = await start();
    await h.post(withFile(`${base}/empty.log`, 'empty.log'));
    expect(cardText(lastCard(h).card)).toContain('empty.log is empty.');
    await h.post(withFile(`${base}/download.aspx?x=1`, 'WindowsUpdate.etl'));
    expect(cardText(lastCard(h).card)).toContain('Get-WindowsUpdateLog');
  });

  it('in anonymous local mode refuses a file that is not on loopback, without contacting it', async () => {
    const h = await start();
    const sharepoint = nock('https://contoso-my.sharepoint.com').get(/.*/).reply(200, cbs);
    await h.post(withFile(fixture('personal-file').attachments[0].content.downloadUrl));
    expect(cardText(lastCard(h).card)).toContain('I could not download CBS.log');
    expect(sharepoint.isDone()).toBe(false);
  });
});

describe('teamsFileAllowed', () => {
  const url = 'https://contoso-my.sharepoint.com/personal/a/_layouts/15/download.aspx?x=1';
  it('with an app id: the host Teams sent, over https, and nothing else', () => {
    const allowed = teamsFileAllowed(url, false);
    expect(allowed(new URL(url))).toBe(true);
    expect(allowed(new URL('https://contoso-my.sharepoint.com/other'))).toBe(true);
    expect(allowed(new URL('http://contoso-my.sharepoint.com/x'))).toBe(false);
    expect(allowed(new URL('https://evil.example/x'))).toBe(false);
    expect(teamsFileAllowed('http://127.0.0.1:9/x', false)(new URL('http://127.0.0.1:9/x'))).toBe(
      false,
    );
  });
  it('anonymous: loopback only', () => {
    expect(teamsFileAllowed(url, true)(new URL(url))).toBe(false);
    const local = 'http://127.0.0.1:3979/f.log';
    expect(teamsFileAllowed(local, true)(new URL(local))).toBe(true);
  });
});
