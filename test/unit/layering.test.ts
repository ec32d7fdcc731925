import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/paths.ts';

/**
 * DESIGN.md's layering: a module may import its own layer or lower ones, never higher.
 * `config` (YAML with positions) sits with util at the bottom; `oncall` (pager + human model)
 * is a stack part, beside rollout and agents. `suite` (plans, runs streamed to disk, expectations,
 * maturity, compare) sits between scoring and report: reporters render what it decided.
 */
const LAYERS: Record<string, number> = {
  util: 0, clock: 0, timeline: 0, config: 0,
  scenario: 1, testbed: 1, metrics: 1,
  rollout: 2, world: 2, agents: 2, policy: 2, oncall: 2, fixes: 2,
  runner: 3,
  scoring: 4,
  suite: 5,
  report: 6,
  cli: 7,
};

const SRC = join(REPO_ROOT, 'src');

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : /\.(ts|js)$/.test(name) ? [path] : [];
  });
}

function moduleOf(file: string): string {
  return relative(SRC, file).split('/')[0];
}

describe('module layering', () => {
  const files = listFiles(SRC);

  it('knows every top-level module under src/', () => {
    const unknown = [...new Set(files.map(moduleOf))].filter((m) => !(m in LAYERS));
    expect(unknown, 'add new modules to LAYERS (and DESIGN.md)').toEqual([]);
  });

  it('has no import from a lower layer into a higher one', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = moduleOf(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.[^'"]+)['"]/g)) {
        const target = resolve(dirname(file), m[1]);
        if (!target.startsWith(SRC)) continue;
        const to = moduleOf(target);
        if ((LAYERS[to] ?? 99) > (LAYERS[from] ?? -1)) violations.push(`${relative(REPO_ROOT, file)} (${from}) imports ${to}: ${m[1]}`);
      }
    }
    expect(violations).toEqual([]);
  });
});
