/**
 * What the resolver read in a message, as each platform shows it: the
 * decisive log line quoted as code (never as markdown) under a short lead,
 * a Windows Setup extend code as phase and operation with the phase's
 * advice, and a success code explained without starting a flow.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainReply, stepReply, toErrorSummary } from '../../src/core/build-replies.js';
import type { Reply } from '../../src/core/contract.js';
import type { FlowState } from '../../src/core/conversation-state.js';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { layoutReply } from '../../src/layout/layout-reply.js';
import { messageToAdaptiveCard } from '../../src/renderers/adaptive-card.js';
import { messageToBlockKit } from '../../src/renderers/block-kit.js';
import { messageToTerminalText } from '../../src/renderers/terminal.js';
import { createResolver, type Match } from '../../src/resolver/create-resolver.js';
import { blockKitProblems, textOf } from '../support/check-block-kit.js';
import type { Json } from '../support/teams-harness.js';
import { cardProblems } from '../support/validate-adaptive-card.js';

const resolver = createResolver(loadKnowledge());
const logs = join(import.meta.dirname, '..', 'fixtures', 'logs');
const cbsLog = readFileSync(join(logs, 'cbs-package-failed.log'), 'utf8');

function firstStep(match: Match): Reply {
  const flow: FlowState = {
    id: 'f1',
    code: match.code,
    step: 0,
    total: match.entry?.steps.length ?? 0,
    tried: [],
    status: 'active',
    startedBy: { id: 'u1' },
    startedAt: '2026-11-22T09:05:00.000Z',
  };
  return stepReply(flow, match, { intro: true });
}
const top = (text: string) => {
  const match = resolver.resolve(text).matches[0];
  if (!match) throw new Error(`nothing found in ${text}`);
  return match;
};
const cardBody = (reply: Reply): Json[] =>
  (messageToAdaptiveCard(layoutReply(reply)).card as Json).body;

describe('the decisive log line', () => {
  const match = top(cbsLog);
  const reply = firstStep(match);
  const line =
    '2024-02-14 09:04:10, Error CBS Package Package_for_KB5034441~31bf3856ad364e35~amd64~~19041.3920.1.0 failed with 0x80070643 - ERROR_INSTALL_FAILURE';

  it('travels from the resolver into the error summary as data', () => {
    expect(match.code).toBe('0x80070643');
    expect(toErrorSummary(match)).toMatchObject({
      source: 'curated',
      evidence: { level: 'error', log: 'CBS.log', mentions: { kb: 'KB5034441' }, line },
    });
  });

  it('leads with the log and what failed, then quotes the line as code, in the terminal', () => {
    const text = messageToTerminalText(layoutReply(reply));
    expect(text).toContain('CBS.log: Package KB5034441 failed with 0x80070643');
    expect(text).toContain(`\n    ${line}\n`);
    expect(text).toContain('Package: Package_for_KB5034441~31bf3856ad364e35~amd64~~19041.3920.1.0');
    // The lead and the quote come before the first step.
    expect(text.indexOf('CBS.log:')).toBeLessThan(text.indexOf('Step 1 of'));
  });

  it('is a monospace text run on Teams, never a markdown text block', () => {
    const body = cardBody(reply);
    const quoted = body.filter((e) => e.type === 'RichTextBlock' && e.inlines?.[0]?.text === line);
    expect(quoted).toHaveLength(1);
    expect(quoted[0]?.inlines[0].fontType).toBe('Monospace');
    expect(body.some((e) => e.type === 'TextBlock' && e.text === line)).toBe(false);
    expect(cardProblems(messageToAdaptiveCard(layoutReply(reply)).card)).toEqual([]);
  });

  it('is a code block on Slack, its markup characters escaped', () => {
    const slack = messageToBlockKit(layoutReply(reply));
    expect(blockKitProblems(slack)).toEqual([]);
    expect(textOf(slack)).toContain(`\`\`\`\n${line}\n\`\`\``);
    const tricky = firstStep(
      top('2024-02-14 09:04:10, Error CBS Failed <b>*x*</b> _y_ [HRESULT = 0x800F0922]'),
    );
    const text = textOf(messageToBlockKit(layoutReply(tricky)));
    expect(text).toContain('```\n2024-02-14 09:04:10, Error CBS Failed &lt;b&gt;*x*&lt;/b&gt;');
  });

  it('is not quoted back when the message was only the code', () => {
    const text = messageToTerminalText(layoutReply(firstStep(top('0x80070643'))));
    expect(text).not.toContain('failed with');
    expect(layoutReply(firstStep(top('0x80070643'))).elements.map((e) => e.kind)).not.toContain(
      'quote',
    );
  });

  it('shows in the one-shot answer too', () => {
    const text = messageToTerminalText(layoutReply(explainReply(resolver.resolve(cbsLog))));
    expect(text).toContain('CBS.log: Package KB5034441 failed with 0x80070643');
    expect(text).toContain(`    ${line}`);
  });
});

describe('a Windows Setup extend code', () => {
  const reply = firstStep(top('The upgrade rolled back with 0xC1900101 - 0x4000D'));

  it('names the phase and the operation that failed, and the phase advice', () => {
    const text = messageToTerminalText(layoutReply(reply));
    expect(text).toContain(
      '0xC1900101 - 0x4000D: Windows Setup stopped in phase 4 (SP_EXECUTION_OOBE_BOOT), at operation 0x0D (SP_EXECUTION_OP_MIGRATE_DATA).',
    );
    expect(text).toMatch(
      /What that means for the fix: Failures here most often come from antivirus/,
    );
    expect(text.indexOf('phase 4')).toBeLessThan(text.indexOf('Step 1 of'));
  });

  it('renders on Teams and Slack', () => {
    const message = layoutReply(reply);
    expect(cardProblems(messageToAdaptiveCard(message).card)).toEqual([]);
    const slack = messageToBlockKit(message);
    expect(blockKitProblems(slack)).toEqual([]);
    expect(textOf(slack)).toContain('SP_EXECUTION_OOBE_BOOT');
  });
});

describe('a success code', () => {
  const match = top('The install log ends with result 0x00000000');
  const reply: Reply = { kind: 'success-code', error: toErrorSummary(match) };

  it('is `success` in the summary, says so and where the real error line is', () => {
    expect(reply).toMatchObject({ error: { code: '0x00000000', source: 'success' } });
    const message = layoutReply(reply);
    expect(message.summary).toMatch(/^0x00000000 ERROR_SUCCESS: This code means success/);
    const text = messageToTerminalText(message);
    expect(text).toContain('In CBS.log and DISM.log, look for lines marked Error');
    expect(text).toContain('Get-WindowsUpdateLog');
    expect(message.elements.some((e) => e.kind === 'buttons')).toBe(false);
    expect(cardProblems(messageToAdaptiveCard(message).card)).toEqual([]);
    expect(blockKitProblems(messageToBlockKit(message))).toEqual([]);
  });

  it('has no steps in the one-shot answer', () => {
    const explained = explainReply(resolver.resolve('S_OK'));
    expect(explained).toMatchObject({ found: [{ error: { source: 'success' }, steps: [] }] });
    expect(messageToTerminalText(layoutReply(explained))).toContain('This code means success');
  });
});

describe('an attached file that gave no answer', () => {
  it('says how to decode an .etl, with the command as code', () => {
    const reply: Reply = {
      kind: 'file-problem',
      name: 'WindowsUpdate.etl',
      problem: { kind: 'etl' },
    };
    const message = layoutReply(reply);
    expect(message.elements).toContainEqual({
      kind: 'command',
      shell: 'PowerShell',
      run: 'Get-WindowsUpdateLog',
    });
    expect(message.summary).toContain('WindowsUpdate.etl is a binary event trace (.etl)');
    expect(cardProblems(messageToAdaptiveCard(message).card)).toEqual([]);
    expect(blockKitProblems(messageToBlockKit(message))).toEqual([]);
  });

  it('names the cap of a file too large, and the size of one without an error', () => {
    const big = messageToTerminalText(
      layoutReply({
        kind: 'file-problem',
        name: 'CBS.log',
        problem: { kind: 'too-large', limit: 5 * 1024 * 1024 },
      }),
    );
    expect(big).toContain('CBS.log is larger than 5 MB');
    const none = messageToTerminalText(
      layoutReply({
        kind: 'file-problem',
        name: 'setupact.log',
        problem: { kind: 'no-error', bytes: 1_572_864 },
      }),
    );
    expect(none).toContain('I read setupact.log (1.5 MB) and found no line with an error code.');
  });
});
