import { WHOLE_PATCH } from '../classes.ts';
import { ALERT_RULES } from './alert-rules.ts';
import { ANALYSIS_RULES, ROLLOUT_ROUTING_RULES } from './argo-rules.ts';
import { CODE_RULES } from './code-rules.ts';
import { FORBIDDEN_OBJECT_RULES, WORKLOAD_RULES } from './k8s-object-rules.ts';
import { PACKAGE_MANIFEST_RULES, PACKAGE_TEST_RULES } from './package-manifest-rules.ts';
import { findUnprefixedPath } from './header-paths.ts';
import { FORBIDDEN_PATH_RULES, STRUCTURE_RULES } from './path-rules.ts';
import type { ClassifyRule, FallbackRule, FileKind, PatchRule, RevertRule } from './rule-types.ts';
import { SERVICE_CONFIG_RULES } from './service-config-rules.ts';

/**
 * The classifier, as a table: every rule in the order it applies, each with what it matches and
 * why. A patch gets every class any rule finds (findings are listed in this order, so the most
 * serious come first). Path rules marked final stop the rules below them for that file; a value
 * or block is claimed by the first rule that matches it; what nothing claims falls to the
 * fallbacks at the end, so no change goes unclassified. To extend: add a rule where it belongs
 * in the order, and a labelled patch to test/fixtures/policy/corpus/.
 */
export const MAX_PATCH_BYTES = 1024 * 1024;

export const PATCH_RULES: PatchRule[] = [
  {
    id: 'patch-oversize',
    kind: 'patch',
    classes: ['oversize'],
    matches: `a patch over ${MAX_PATCH_BYTES} bytes (file contents are then not read; paths still are)`,
    why: 'no reviewer reads it and it can hide anything; it also bounds the work an agent can make the gate do',
    check: (patch) => {
      const bytes = Buffer.byteLength(patch, 'utf8');
      return bytes > MAX_PATCH_BYTES ? [{ class: 'oversize', detail: `${bytes} bytes (cap ${MAX_PATCH_BYTES})` }] : [];
    },
  },
  {
    id: 'patch-unparseable',
    kind: 'patch',
    classes: ['unparseable'],
    matches: 'text that is not a unified diff, no file at all, a file listed twice, a `---`/`+++` path without git\'s `a/`/`b/` prefix, or hunks that do not apply to the deployed commit',
    why: 'what cannot be read exactly cannot be classified, and git apply might read it differently (it strips the first directory of every path)',
    check: (patch, files, problems) => {
      const paths = files.map((f) => f.oldPath ?? f.newPath ?? '');
      const twice = paths.find((p, i) => paths.indexOf(p) !== i);
      const unprefixed = findUnprefixedPath(patch);
      const why = [
        ...problems,
        ...(files.length === 0 ? ['no file changes'] : []),
        ...(twice !== undefined ? [`${twice} is changed twice`] : []),
        ...(unprefixed !== undefined ? [`${JSON.stringify(unprefixed)} lacks the a/ or b/ prefix git apply strips`] : []),
      ];
      return why.length > 0 ? [{ class: 'unparseable', detail: why.slice(0, 3).join('; ') }] : [];
    },
  },
];

export const REVERT_RULE: RevertRule = {
  id: 'revert-of-offending',
  kind: 'revert',
  classes: ['revert-of-offending'],
  matches: "blocks that undo the deploy's blocks exactly, at the same place: the whole deploy, or only the offending block",
  why: 'returns lines to what ran before the deploy; what else the patch does in the file is classified on its own',
};

function fallback(id: string, cls: FallbackRule['class'], files: FileKind[], matches: string, why: string): FallbackRule {
  return { id, kind: 'fallback', files, class: cls, classes: [cls], matches, why };
}

export const FALLBACK_RULES: FallbackRule[] = [
  fallback('fallback-format', 'docs', ['service-config', 'package-manifest', 'yaml'], 'a JSON or YAML file whose values did not change (comments, formatting)', 'nothing runs differently, but it is still a change a human should see'),
  fallback('fallback-config', 'config-change', ['service-config', 'package-manifest', 'yaml'], 'any other value of a JSON or YAML file', 'configuration without a measure: a human decides'),
  fallback('fallback-code', 'code-change', ['code'], 'any other changed line of a code file', 'code: only tests and review can tell what it does'),
  fallback('fallback-docs', 'docs', ['docs'], 'Markdown, text and license files', 'prose'),
  fallback('fallback-other', 'other-change', ['other'], 'any other file', `unknown to the table; the file of a whole-patch finding is ${WHOLE_PATCH}`),
];

export const CLASSIFY_RULES: readonly ClassifyRule[] = [
  ...PATCH_RULES,
  ...STRUCTURE_RULES,
  ...FORBIDDEN_PATH_RULES,
  ...FORBIDDEN_OBJECT_RULES,
  ...PACKAGE_TEST_RULES,
  ...ROLLOUT_ROUTING_RULES,
  REVERT_RULE,
  ...ANALYSIS_RULES,
  ...ALERT_RULES,
  ...WORKLOAD_RULES,
  ...SERVICE_CONFIG_RULES,
  ...PACKAGE_MANIFEST_RULES,
  ...CODE_RULES,
  ...FALLBACK_RULES,
];

/** A rule's place in the table: findings are sorted by it. */
export const RULE_ORDER: ReadonlyMap<string, number> = new Map(CLASSIFY_RULES.map((r, i) => [r.id, i]));
