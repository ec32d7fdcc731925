import { describeChange } from './measure-numbers.ts';
import type { ValueRule } from './rule-types.ts';

/** Rules for package.json: the test script is the tests; scripts and dependencies are code. */
export const PACKAGE_TEST_RULES: ValueRule[] = [
  {
    id: 'package-test-script',
    kind: 'value',
    files: 'package-manifest',
    scope: 'value',
    includeReverts: true,
    path: /^scripts\.(pretest|test|posttest)$/,
    classes: ['tests'],
    matches: 'package.json `scripts.test` (and pre/post test)',
    why: '`npm test` is what CI runs: `"test": "exit 0"` disables every test without touching one',
    measure: (leaf) => [describeChange('tests', leaf.path, leaf.from, leaf.to)],
  },
];

export const PACKAGE_MANIFEST_RULES: ValueRule[] = [
  {
    id: 'package-code',
    kind: 'value',
    files: 'package-manifest',
    scope: 'value',
    path: /^(scripts|dependencies|devDependencies|optionalDependencies|peerDependencies|overrides|bin|main|exports|imports|type)(\.|$)/,
    classes: ['code-change'],
    matches: 'package.json scripts, dependencies, entry points',
    why: 'what runs: a new dependency or install script is new code',
    measure: (leaf) => [describeChange('code-change', leaf.path, leaf.from, leaf.to)],
  },
];
