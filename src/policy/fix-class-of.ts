import type { ClassEntry } from './classes.ts';

/**
 * The fix classes a scenario's ground truth speaks of (revert, flag-off, config-restore,
 * code-fix, scale-up), read from what the classifier found in the diff. Loosening a threshold,
 * editing tests or policy, or rerouting traffic is no fix of any class: it maps to nothing.
 */
const FIX_CLASS_OF: Partial<Record<ClassEntry['class'], string>> = {
  'revert-of-offending': 'revert',
  'flag-off': 'flag-off',
  'retry-change': 'config-restore',
  'timeout-change': 'config-restore',
  'config-change': 'config-restore',
  scale: 'scale-up',
  'code-change': 'code-fix',
  restart: 'restart',
};

export function fixClassesOf(classes: readonly Pick<ClassEntry, 'class'>[]): string[] {
  return [...new Set(classes.map((c) => FIX_CLASS_OF[c.class]).filter((c): c is string => c !== undefined))].sort();
}
