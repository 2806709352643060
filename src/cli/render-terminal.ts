/**
 * Resolution -> text for a terminal: what the error is, why it happens and
 * the numbered steps with their commands, ready to paste.
 */
import type { Step } from '../knowledge/types.js';
import { toStepLines } from '../renderers/terminal.js';
import type { Match, Resolution } from '../resolver/create-resolver.js';

export function renderResolution(resolution: Resolution): string {
  if (resolution.matches.length === 0) {
    return [
      'No Windows Update error found in that text.',
      'Try an error code (0x8024001E, 8024001e, -2145124322), a symbolic name (WU_E_SERVICE_STOP),',
      'a log line, or a short description such as "updates fail behind our proxy".',
    ].join('\n');
  }
  const bySymptom = resolution.matches[0]?.via === 'symptom';
  const intro = bySymptom ? ['No code in that text; these errors fit the description best:\n'] : [];
  const blocks = resolution.matches.map((match, index) =>
    bySymptom && index > 0 ? renderCandidate(match) : renderMatch(match),
  );
  const note = resolution.truncated
    ? ['\n(Only the beginning of that very long text was read.)']
    : [];
  return [...intro, blocks.join('\n\n'), ...note].join('\n');
}

function renderCandidate(match: Match): string {
  return `Also possible: ${heading(match)} (score ${match.score.toFixed(2)})`;
}

function heading(match: Match): string {
  return match.name
    ? `${match.code} ${match.name}: ${match.title}`
    : `${match.code}: ${match.title}`;
}

export function renderMatch(match: Match): string {
  const lines = [heading(match), ''];
  if (match.evidence) {
    const where = match.evidence.log ? `${match.evidence.log}: ` : '';
    lines.push(`${where}${match.evidence.line}`, '');
  }
  if (match.extend) {
    const { code, phase, operation } = match.extend;
    lines.push(
      `Extend code ${code}: setup phase ${phase.digit}${phase.name ? ` (${phase.name})` : ''}, operation 0x${operation.hex}${operation.name ? ` (${operation.name})` : ''}.`,
      ...(phase.summary ? [phase.summary] : []),
      ...(phase.advice ? [phase.advice] : []),
      '',
    );
  }
  if (match.success) {
    lines.push(
      'This is a success code, not an error: the operation it reports worked.',
      'If something still failed, look for the line that reports the failure (Error, FAILED, "failed with") and the code on it.',
    );
  } else if (match.entry) {
    lines.push(
      match.entry.meaning,
      '',
      'Likely causes:',
      ...match.entry.causes.map((c) => `  - ${c}`),
      '',
    );
    lines.push(...renderSteps(match.entry.steps));
    if (match.entry.related.length > 0)
      lines.push('', `Related: ${match.entry.related.join(', ')}`);
  } else if (match.family) {
    const known =
      match.source === 'catalogue'
        ? 'This code is publicly named but has no curated entry yet.'
        : 'This code has no public name that we know of.';
    lines.push(known, `It belongs to: ${match.family.title}.`, match.family.meaning, '');
    lines.push(...renderSteps(match.family.steps));
  } else {
    lines.push(
      'This code is not a Windows Update error we know, and it is outside every known range.',
    );
    lines.push('Check that it was copied correctly, or describe what happens in words.');
  }
  return lines.join('\n');
}

function renderSteps(steps: Step[]): string[] {
  return [
    'Steps:',
    ...steps.flatMap((step, index) => ['', ...toStepLines(step, index + 1, steps.length)]),
  ];
}
