/**
 * `wuerror --check-knowledge`: the knowledge loaded (or the load would have
 * thrown with every problem listed); this reports what it covers and checks
 * that every curated code resolves to its own entry. The lint's problems
 * (meaning, not shape) fail the check too; its notices say what was skipped.
 */
import type { LintReport } from '../knowledge/lint-knowledge.js';
import type { Knowledge } from '../knowledge/types.js';
import type { Resolver } from '../resolver/create-resolver.js';

export interface KnowledgeReport {
  ok: boolean;
  text: string;
}

export function checkKnowledge(
  knowledge: Knowledge,
  resolver: Resolver,
  lint: LintReport = { problems: [], notices: [] },
): KnowledgeReport {
  const problems: string[] = [...lint.problems];
  for (const code of knowledge.entries.keys()) {
    const top = resolver.resolve(code).matches[0];
    if (top?.code !== code || top.source !== 'curated')
      problems.push(`${code} does not resolve to its curated entry`);
  }
  const catalogueCodes = [...knowledge.catalogue.keys()];
  const withFamily = catalogueCodes.filter((code) => resolver.describe(code).family).length;
  const steps = [...knowledge.entries.values()].flatMap((entry) => entry.steps);
  const commands = [...knowledge.procedures.values()].flatMap((p) => p.commands);
  const used = new Set(steps.map((step) => step.id));
  for (const family of knowledge.families) for (const step of family.steps) used.add(step.id);
  const unused = [...knowledge.procedures.keys()].filter((id) => !used.has(id));
  const perHeader = new Map<string, number>();
  for (const record of knowledge.catalogue.values()) {
    const origin = record.header ?? 'Microsoft articles';
    perHeader.set(origin, (perHeader.get(origin) ?? 0) + 1);
  }

  const lines = [
    `Curated entries:  ${knowledge.entries.size}`,
    `Procedures:       ${knowledge.procedures.size} (${commands.length} commands: ${count(commands, (c) => c.shell === 'cmd')} cmd, ${count(commands, (c) => c.shell === 'powershell')} PowerShell, ${count(commands, (c) => c.elevated)} need an admin prompt)`,
    `Families:         ${knowledge.families.length}`,
    `Catalogue codes:  ${catalogueCodes.length} (${[...perHeader].map(([h, n]) => `${h} ${n}`).join(', ')})`,
    `Catalogue codes with family guidance: ${withFamily} of ${catalogueCodes.length} (${percent(withFamily, catalogueCodes.length)})`,
    `Symbolic names known: ${knowledge.names.size}`,
  ];
  if (unused.length > 0) lines.push(`Procedures no entry or family uses: ${unused.join(', ')}`);
  for (const notice of lint.notices) lines.push(`Notice: ${notice}`);
  lines.push(
    problems.length === 0
      ? 'All knowledge files are valid.'
      : `Problems:\n  - ${problems.join('\n  - ')}`,
  );
  return { ok: problems.length === 0, text: lines.join('\n') };
}

function count<T>(items: T[], predicate: (item: T) => boolean): number {
  return items.filter(predicate).length;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${((100 * part) / whole).toFixed(1)}%`;
}
