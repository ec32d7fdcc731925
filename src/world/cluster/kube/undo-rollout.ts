import { UserInputError } from '../../../util/errors.ts';
import { readAt, readRecord, readString, readStringMap } from '../../../rollout/spec/raw-access.ts';
import type { KubeObject } from './kube-object.ts';
import { isDerivative } from './template-derivative.ts';

export const REVISION_ANNOTATION = 'rollout.argoproj.io/revision';
export const POD_TEMPLATE_HASH_LABEL = 'rollouts-pod-template-hash';

/** What `kubectl argo rollouts undo` sends: a JSON patch replacing the pod template, or nothing (already there). */
export type UndoPlan = { patch: { op: 'replace'; path: '/spec/template'; value: unknown }[]; revision: number } | { skipped: string };

/**
 * `RunUndoRollout` (pkg/kubectl-argo-rollouts/cmd/undo/undo.go): among the ReplicaSets the rollout
 * controls, take revision `toRevision`, or with 0 the second newest; if the rollout's template
 * already matches it (ignoring the hash label) skip; else put its template back, without the hash
 * label, as a JSON patch. `replicaSets` are the ones the rollout's selector lists.
 */
export function planUndo(rollout: KubeObject, replicaSets: readonly KubeObject[], toRevision = 0): UndoPlan {
  const owned = replicaSets.filter((rs) => isControlledBy(rs, rollout));
  const target = toRevision > 0 ? owned.find((rs) => readRevision(rs) === toRevision) : findPrevious(owned);
  if (!target) {
    throw new UserInputError(toRevision > 0 ? `unable to find specified revision ${toRevision} in history` : `no revision found for rollout "${rollout.metadata.name}"`, {
      hint: 'undo needs an earlier revision of the rollout\'s pod template (a ReplicaSet it still keeps: revisionHistoryLimit)',
    });
  }
  const revision = toRevision > 0 ? toRevision : readRevision(target);
  const template = structuredClone(readRecord(readAt(target, ['spec', 'template'])) ?? {});
  const ours = structuredClone(readRecord(readAt(rollout, ['spec', 'template'])) ?? {});
  dropHashLabel(ours);
  const theirs = structuredClone(template);
  dropHashLabel(theirs);
  // The plugin prints the revision asked for (0 by default), not the one it found.
  if (isDerivative(ours, theirs)) return { skipped: `skipped rollback (current template already matches revision ${toRevision})` };
  dropHashLabel(template);
  return { patch: [{ op: 'replace', path: '/spec/template', value: template }], revision };
}

/** The second newest revision (`rolloutRevision` with toRevision 0). */
function findPrevious(owned: readonly KubeObject[]): KubeObject | undefined {
  let latest: { rev: number; rs?: KubeObject } = { rev: -1 };
  let previous: { rev: number; rs?: KubeObject } = { rev: -1 };
  for (const rs of owned) {
    const rev = readRevision(rs);
    if (latest.rev < rev) {
      previous = latest;
      latest = { rev, rs };
    } else if (previous.rev < rev) {
      previous = { rev, rs };
    }
  }
  return previous.rs;
}

/** A ReplicaSet without the annotation counts as revision 0, as in the plugin. */
export function readRevision(obj: unknown): number {
  const v = readString(obj, ['metadata', 'annotations', REVISION_ANNOTATION]);
  const n = v === undefined ? 0 : Number.parseInt(v, 10);
  return Number.isNaN(n) ? -1 : n;
}

/** `metav1.IsControlledBy`: the controller owner reference carries the rollout's UID. */
export function isControlledBy(obj: KubeObject, owner: KubeObject): boolean {
  const uid = readString(owner, ['metadata', 'uid']);
  return (obj.metadata.ownerReferences ?? []).some((r) => r.controller === true && (uid === undefined ? r.kind === owner.kind && r.name === owner.metadata.name : r.uid === uid));
}

function dropHashLabel(template: Record<string, unknown>): void {
  const labels = readRecord(readAt(template, ['metadata', 'labels']));
  if (labels) delete labels[POD_TEMPLATE_HASH_LABEL];
}

/** The rollout's `spec.selector` as a label selector string (matchLabels and matchExpressions), for listing its ReplicaSets. */
export function formatSelector(rollout: unknown): string {
  const parts = Object.entries(readStringMap(rollout, ['spec', 'selector', 'matchLabels'])).map(([k, v]) => `${k}=${v}`);
  const exprs = (readAt(rollout, ['spec', 'selector', 'matchExpressions']) as unknown[] | undefined) ?? [];
  for (const e of exprs) {
    const key = readString(e, ['key']) ?? '';
    const values = ((readAt(e, ['values']) as unknown[] | undefined) ?? []).map(String).join(',');
    const op = readString(e, ['operator']);
    if (op === 'In') parts.push(`${key} in (${values})`);
    else if (op === 'NotIn') parts.push(`${key} notin (${values})`);
    else if (op === 'Exists') parts.push(key);
    else if (op === 'DoesNotExist') parts.push(`!${key}`);
  }
  return parts.join(',');
}
