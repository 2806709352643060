/**
 * The order a helpdesk would use (issue 8, item 5), as far as ids can tell:
 * a backup is a caution on the risky step, not step 1; what a person at the
 * computer can do comes before the WSUS admin's step; the in-place upgrade,
 * the heaviest repair, comes last.
 */
import type { Step } from './types.js';

/** Procedures a person at the computer runs; the WSUS admin's step comes after them. */
const CLIENT_STEPS = new Set([
  'restart-and-retry',
  'restart-update-services',
  'free-disk-space',
  'rename-software-distribution',
  'reset-update-components',
  'install-from-catalog',
  'update-wua',
]);
const ADMIN_STEP = 'check-wsus-health';
const LAST_RESORT = 'upgrade-in-place';

/** Problems as "field": message pairs; the caller adds the file. */
export function lintOrder(steps: Step[]): Array<[field: string, message: string]> {
  const problems: Array<[string, string]> = [];
  const ids = steps.map((step) => step.id);
  if (steps[0] && /^back(ing)? ?up\b/i.test(steps[0].title)) {
    problems.push([
      'steps.0',
      'starts with a backup; make it a caution on the risky step instead (issue 8 item 5)',
    ]);
  }
  const admin = ids.indexOf(ADMIN_STEP);
  if (admin >= 0) {
    ids.forEach((id, index) => {
      if (index > admin && CLIENT_STEPS.has(id)) {
        problems.push([
          `steps.${admin}`,
          `${ADMIN_STEP} (for the WSUS admin) comes before ${id} (step ${index + 1}), which a person at the computer can do`,
        ]);
      }
    });
  }
  const last = ids.indexOf(LAST_RESORT);
  if (last >= 0 && last !== ids.length - 1) {
    problems.push([`steps.${last}`, `${LAST_RESORT} is the last resort and must be the last step`]);
  }
  return problems;
}
