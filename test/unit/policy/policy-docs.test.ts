import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { findOpaBinary } from '../../../src/policy/engines/opa-binary.ts';
import { RULES_README, withRulesTable } from '../../fixtures/policy/write-rules-doc.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

/**
 * What ships beside the code stays true: the README's rule table is the classifier's, and the
 * testbed repository's own manifest policy passes its tests and accepts the testbed's manifests.
 */
const opa = findOpaBinary();
const NO_OPA = 'path' in opa ? undefined : `${opa.problem}: the testbed policy checks skipped`;
if (NO_OPA) console.warn(NO_OPA);
const TESTBED = join(REPO_ROOT, 'scenarios/testbed');

describe('shipped policy documents', () => {
  it("scenarios/stacks/policy/README.md lists the classifier's rules as they are", () => {
    const readme = readFileSync(RULES_README, 'utf8');
    expect(readme, 'run: npx tsx test/fixtures/policy/write-rules-doc.ts').toBe(withRulesTable(readme));
  });

  it.skipIf(NO_OPA !== undefined)("the testbed's policy/ passes opa test and accepts every testbed and stack manifest", () => {
    const bin = (opa as { path: string }).path;
    expect(execFileSync(bin, ['test', 'policy/'], { cwd: TESTBED, encoding: 'utf8' })).toMatch(/PASS: \d+\/\d+/);
    const files = ['deploy/k8s/rbac.yaml', 'deploy/k8s/secrets.yaml', 'deploy/k8s/services.yaml', 'deploy/k8s/virtual-services.yaml', 'deploy/k8s/ingress.yaml'].map((f) => join(TESTBED, f));
    files.push(join(REPO_ROOT, 'scenarios/stacks/argo/rollouts.yaml'));
    const denials: string[] = [];
    for (const file of files) {
      for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
        const out = execFileSync(bin, ['eval', '--format', 'json', '--data', join(TESTBED, 'policy/deploy.rego'), '--stdin-input', 'data.shop.deploy.deny'], { encoding: 'utf8', input: JSON.stringify(doc.toJS()) });
        denials.push(...(JSON.parse(out).result[0].expressions[0].value as string[]));
      }
    }
    expect(denials).toEqual([]);
  });
});
