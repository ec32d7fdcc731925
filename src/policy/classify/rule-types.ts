import type { DiffFile } from '../../util/unified-diff.ts';
import type { ClassEntry, ProposalClass } from '../classes.ts';
import type { ChangeBlock } from './change-blocks.ts';
import type { DeployBlocks } from './revert-blocks.ts';
import type { LeafChange } from './value-diff.ts';

/**
 * The shapes of the classifier's rules (the table is classify-rules.ts). Every rule says what it
 * matches and why in words, so the table reads as documentation; `kind` says when it runs.
 */
export type FileKind = 'service-config' | 'package-manifest' | 'yaml' | 'code' | 'docs' | 'other';

/** One changed file as the rules see it: its diff, its text before and after, its blocks. */
export interface FileReview {
  path: string;
  diff: DiffFile;
  kind: FileKind;
  /** Text in the deployed commit (undefined: the patch adds the file). */
  base?: string;
  /** `base` with only the revert blocks applied. */
  reverted?: string;
  /** Text after the whole patch (undefined: the patch deletes the file). */
  final?: string;
  reverts: ChangeBlock[];
  others: ChangeBlock[];
}

/** A finding before the rule id and file are attached. */
export interface Measured {
  class: ProposalClass;
  detail: string;
  factor?: number;
  from?: number;
  to?: number;
}

interface RuleText {
  id: string;
  /** The classes this rule can give. */
  classes: readonly ProposalClass[];
  /** What it matches, for a reader. */
  matches: string;
  /** Why that is the class. */
  why: string;
}

/** Runs once on the whole patch (size, syntax). */
export interface PatchRule extends RuleText {
  kind: 'patch';
  check(patch: string, files: readonly DiffFile[], problems: readonly string[]): Measured[];
}

/** Runs on a file's header and path; `final` ones stop everything after them for that file. */
export interface PathRule extends RuleText {
  kind: 'path';
  final: boolean;
  /** `deploy`: the deploy's blocks by path, so a rule can tell a file put back from one edited. */
  check(file: DiffFile, path: string, deploy: DeployBlocks): Measured | undefined;
}

/** Blocks that undo the deploy's blocks. */
export interface RevertRule extends RuleText {
  kind: 'revert';
}

/** One changed value of a structured file (JSON, or a YAML document). */
export interface ValueContext {
  /** Document id (`Rollout/frontend`, `rules`, `#0`). */
  doc: string;
  /** Object kind, when the document is a Kubernetes object. */
  objectKind?: string;
  /** The document before (reverts applied) and after the patch. */
  before: unknown;
  after: unknown;
}

export interface ValueRule extends RuleText {
  kind: 'value';
  files: FileKind;
  /** Object kinds the rule is for (YAML); undefined: documents without a kind too. */
  objectKinds?: readonly string[];
  /** The leaf path it matches; undefined: every changed leaf. */
  path?: RegExp;
  /**
   * `object`: any change to a matching document, reverts included (forbidden kinds), one finding
   * per document. `value`: each changed leaf.
   */
  scope: 'object' | 'value';
  /** Whether leaves a revert block changed count too (forbidden values do; measured ones do not). */
  includeReverts?: boolean;
  measure(leaf: LeafChange, ctx: ValueContext, match: RegExpExecArray | undefined): Measured[];
}

/** One block of a code file (reverts excluded); undefined leaves it to the next rule. */
export interface BlockRule extends RuleText {
  kind: 'block';
  files: FileKind;
  measure(block: ChangeBlock): Measured[] | undefined;
}

/** Whatever in a file of this kind no rule above claimed. */
export interface FallbackRule extends RuleText {
  kind: 'fallback';
  files: readonly FileKind[];
  class: ProposalClass;
}

export type ClassifyRule = PatchRule | PathRule | RevertRule | ValueRule | BlockRule | FallbackRule;

export function withRule(rule: RuleText, file: string, m: Measured): ClassEntry {
  return { ...m, file, rule: rule.id };
}
