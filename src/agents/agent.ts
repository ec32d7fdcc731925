import type { AgentAnswer } from './protocol/agent-answer.ts';
import type { IncidentBundle } from './protocol/incident-bundle.ts';

/**
 * A remediation agent, whatever runs it: a built-in, any executable, a webhook, a chat-completions
 * loop, HolmesGPT. Agents plug in by protocol (the incident bundle in, an answer out), never by
 * code: an adapter turns one of those into this interface.
 */
export interface Agent {
  /** As the stack names it: `builtin:heuristic`, `command:./triage.sh`, `webhook:http://...`, `openai:gpt-x`. */
  readonly id: string;
  /**
   * Diagnoses (and at L3+, proposes a fix for) one incident. Resolves with the raw answer (the
   * harness validates it); rejects with an AgentFailure when the agent could not answer. Must stop
   * its work (kill its process, abort its requests) when `ctx.signal` aborts.
   */
  run(bundle: IncidentBundle, ctx: AgentRunContext): Promise<unknown>;
  /**
   * Throws (a FiredrillError with a hint) when the agent cannot work on this backend at all, e.g.
   * K8sGPT where there is no cluster or no binary: checked before the run starts, not found out
   * by a failed diagnosis at the end of a drill.
   */
  checkBackend?(backend: string): void;
}

export interface AgentRunContext {
  /** Aborts when the agent is cut off: wall time or tool-call budget spent, or the run stopped. */
  signal: AbortSignal;
  /** Adapters that learn token counts (chat completions) report them here; over budget cuts the agent off. */
  reportTokens(tokens: number): void;
  /** A line for the run's journal (kept short): stderr tails, repair rounds, what an adapter saw. */
  note(message: string, data?: Record<string, unknown>): void;
  /** The backend the run is on (`sim`, `local`, `kind`, `cluster`): an adapter that needs a cluster says which it got. */
  backend: string;
  /**
   * On the cluster backends, how a program reaches the run's namespace with the access the run
   * itself has (K8sGPT reads the cluster with it). Never in the bundle: the bundle goes to every
   * agent and into recordings, and a kubeconfig is a credential.
   */
  kube?: KubeAccess;
}

/** A kubeconfig file, the context to use in it (else its current one), and the run's namespace. */
export interface KubeAccess {
  kubeconfig: string;
  context?: string;
  namespace: string;
}

/** Why an agent gave no usable answer: each is a scored failure, never a crash of the run. */
export type AgentFailureKind = 'timeout' | 'budget-exceeded' | 'invalid-answer' | 'crashed' | 'unreachable' | 'replay-mismatch';

export class AgentFailure extends Error {
  constructor(
    readonly kind: AgentFailureKind,
    message: string,
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** A validated answer and what it cost. */
export interface AgentOutcome {
  answer?: AgentAnswer;
  failure?: { kind: AgentFailureKind; message: string };
  toolCalls: number;
  tokens?: number;
  wallMs: number;
}
