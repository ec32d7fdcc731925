import type { ClassEntry, Classification } from '../classes.ts';

/**
 * The policy gate's one interface, whatever engine answers: given the classes the classifier
 * found in a proposed fix, may it be applied without a human? `rule` names what decided (the
 * policy line of the first denied class, `all-safe`, `no-classes`); `reasons` say, for each
 * class that decided, which line allowed or denied it.
 */
export interface Decision {
  verdict: 'allow' | 'deny';
  rule: string;
  reasons: string[];
}

/** One class as the engines see it: no classifier internals, only what a policy may test. */
export interface PolicyClass {
  class: string;
  file: string;
  detail: string;
  factor?: number;
  from?: number;
  to?: number;
}

export interface PolicyInput {
  classes: PolicyClass[];
}

export interface PolicyEngine {
  readonly name: string;
  decide(input: PolicyInput): Promise<Decision>;
  /** Frees what the engine holds (a server process); deciding afterwards is an error. */
  close(): Promise<void>;
}

export function toPolicyInput(c: Classification | { classes: readonly ClassEntry[] }): PolicyInput {
  return {
    classes: c.classes.map((e) => {
      const out: PolicyClass = { class: e.class, file: e.file, detail: e.detail };
      if (e.factor !== undefined) out.factor = e.factor;
      if (e.from !== undefined) out.from = e.from;
      if (e.to !== undefined) out.to = e.to;
      return out;
    }),
  };
}

/** How one class fared: the effect and the policy line that decided it (`no-rule`: none matched). */
export interface ClassOutcome {
  eft: 'allow' | 'deny';
  id: string;
}

/**
 * The whole proposal from its classes' outcomes. autoapply.rego computes the same in Rego; the
 * corpus test holds the two to identical output.
 */
export function decideFromOutcomes(classes: readonly PolicyClass[], outcomes: readonly ClassOutcome[]): Decision {
  if (classes.length === 0) return { verdict: 'deny', rule: 'no-classes', reasons: ['nothing to classify'] };
  const firstDenied = outcomes.findIndex((o) => o.eft === 'deny');
  const verdict = firstDenied === -1 ? 'allow' : 'deny';
  const reasons = classes.flatMap((c, i) => (outcomes[i].eft === verdict ? [formatReason(c, outcomes[i])] : []));
  return { verdict, rule: firstDenied === -1 ? 'all-safe' : outcomes[firstDenied].id, reasons };
}

function formatReason(c: PolicyClass, o: ClassOutcome): string {
  return `${c.class} in ${c.file}: ${c.detail} [${o.eft === 'allow' ? 'allowed' : 'denied'} by ${o.id}]`;
}
