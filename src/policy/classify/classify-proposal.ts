import { parseUnifiedDiff, pathOf } from '../../util/unified-diff.ts';
import { WHOLE_PATCH, type ClassEntry, type Classification } from '../classes.ts';
import { classifyContent } from './classify-content.ts';
import { CLASSIFY_RULES, PATCH_RULES, RULE_ORDER } from './classify-rules.ts';
import { reviewFile, type ReadRepoFile } from './file-review.ts';
import { indexDeployBlocks } from './revert-blocks.ts';
import type { PathRule } from './rule-types.ts';

/**
 * What a proposed fix is, from its diff alone (the agent's title and claimed class are never
 * read): every class of every change, ordered as the rule table is, plus the problems met.
 * `readFile(undefined, path)` reads the deployed commit the patch applies to (undefined: no
 * such file); `deployDiff` is the deploy's own diff, so a revert can be recognized.
 */
export interface ProposalToClassify {
  patch: string;
  deployDiff: string;
  readFile: ReadRepoFile;
}

const PATH_RULES = CLASSIFY_RULES.filter((r): r is PathRule => r.kind === 'path');
const UNPARSEABLE_RULE = PATCH_RULES[1];

export async function classifyProposal(input: ProposalToClassify): Promise<Classification> {
  const parsed = parseUnifiedDiff(input.patch);
  const problems = [...parsed.problems];
  const found: (ClassEntry & { order: number })[] = [];
  const add = (e: ClassEntry, fileIndex: number): void => {
    found.push({ ...e, order: (RULE_ORDER.get(e.rule) ?? CLASSIFY_RULES.length) * 1e6 + fileIndex });
  };
  for (const rule of PATCH_RULES) {
    for (const m of rule.check(input.patch, parsed.files, problems)) add({ ...m, file: WHOLE_PATCH, rule: rule.id }, -1);
  }
  const oversize = found.some((e) => e.class === 'oversize');
  const deploy = indexDeployBlocks(parseUnifiedDiff(input.deployDiff));
  for (const [i, file] of parsed.files.entries()) {
    const path = pathOf(file);
    let stop = false;
    for (const rule of PATH_RULES) {
      const m = rule.check(file, path, deploy);
      if (!m) continue;
      add({ ...m, file: path, rule: rule.id }, i);
      if ((stop = rule.final)) break;
    }
    if (stop || oversize) continue;
    const review = await reviewFile(file, path, deploy, input.readFile);
    const findings = typeof review === 'string' ? { error: review } : classifyContent(review);
    if ('error' in findings) {
      problems.push(findings.error);
      add({ class: 'unparseable', file: path, detail: findings.error, rule: UNPARSEABLE_RULE.id }, i);
      continue;
    }
    for (const f of findings) add({ ...f, file: path }, i);
  }
  return { classes: dedupe(found.sort((a, b) => a.order - b.order)), problems };
}

function dedupe(entries: (ClassEntry & { order: number })[]): ClassEntry[] {
  const seen = new Set<string>();
  const out: ClassEntry[] = [];
  for (const { order: _order, ...e } of entries) {
    const key = `${e.class}\u0000${e.file}\u0000${e.detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}
