import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.ts';

/** A stack file that lays `spec` (YAML text, indented under spec:) over a built-in stack. */
export function overlayStack(base: string, name: string, specYaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fd-stack-'));
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, [
    'apiVersion: firedrill.dev/v1',
    'kind: Stack',
    `metadata: { name: ${name}, description: test overlay on ${base} }`,
    'spec:',
    `  extends: ${join(REPO_ROOT, 'scenarios/stacks', `${base}.yaml`)}`,
    ...specYaml.trim().split('\n').map((l) => `  ${l}`),
    '',
  ].join('\n'));
  return file;
}
