import { z } from 'zod';
import { durationSchema, toMs } from '../../../scenario/duration-schema.ts';
import { UserInputError } from '../../../util/errors.ts';

/**
 * K8sGPT's analyzers that see what a bad deploy can leave in the run's namespace: pods that crash,
 * do not start or are not ready (Pod, with their latest events), ReplicaSets that cannot create
 * pods (quota, admission), workloads short of ready replicas (Deployment, StatefulSet), Services
 * without ready endpoints (and their warning events), claims that are not provisioned. Left out:
 * cluster-scoped ones (Node, webhooks: not the run's), ConfigMap (it flags every ConfigMap no pod
 * mounts: noise, not a fault), Log (it reads container logs: kwok's pods have none), Ingress,
 * Job and CronJob (the testbed has none).
 */
export const DEFAULT_FILTERS = ['Pod', 'ReplicaSet', 'Deployment', 'StatefulSet', 'Service', 'PersistentVolumeClaim'] as const;

const explainSchema = z
  .object({
    backend: z.string().min(1).meta({ description: 'A K8sGPT AI backend (`k8sgpt auth list`), e.g. openai, localai, ollama' }),
    model: z.string().min(1),
    baseUrl: z.string().url().optional().meta({ description: "The backend's base URL (an OpenAI-compatible server: its /v1)" }),
    apiKeyEnv: z.string().min(1).optional().meta({ description: 'An environment variable holding the key (none: the backend gets no key)' }),
    anonymize: z.boolean().default(false).meta({ description: "K8sGPT's --anonymize: object names masked before they go to the backend" }),
  })
  .strict();

export const k8sgptOptionsSchema = z
  .object({
    binary: z.string().min(1).optional().meta({ description: 'The k8sgpt executable (default: the pinned build, then PATH)' }),
    filters: z.array(z.string().min(1)).min(1).default([...DEFAULT_FILTERS]).meta({ description: "K8sGPT's analyzers (--filter)" }),
    timeout: durationSchema.default('2m').meta({ description: 'How long `k8sgpt analyze` may take before it is killed (the stack\'s agent timeout still applies)' }),
    explain: explainSchema.optional().meta({ description: 'Run with --explain through this AI backend (default: no AI, the analyzers only)' }),
  })
  .strict();

export type K8sGptOptions = Omit<z.output<typeof k8sgptOptionsSchema>, 'timeout'> & { timeoutMs: number };
export type K8sGptExplain = z.output<typeof explainSchema>;

/** The stack's `agent.options` for `use: k8sgpt`; every problem at once, with its path under agent.options. */
export function parseK8sGptOptions(raw: Record<string, unknown>): K8sGptOptions {
  const parsed = k8sgptOptionsSchema.safeParse(raw);
  if (parsed.success) {
    const { timeout, ...rest } = parsed.data;
    return { ...rest, timeoutMs: toMs(timeout) };
  }
  const issues = parsed.error.issues.map((i) => `agent.options${i.path.map((p) => `.${String(p)}`).join('')}: ${i.message}`);
  throw new UserInputError(`invalid options for the k8sgpt agent: ${issues.join('; ')}`, {
    hint: `options: binary, filters (default ${DEFAULT_FILTERS.join(', ')}), timeout (a duration), explain: { backend, model, baseUrl, apiKeyEnv, anonymize }`,
  });
}
