import { z } from 'zod';
import { AgentFailure } from '../../agent.ts';

/**
 * `k8sgpt analyze --output json` (with or without --explain), as k8sgpt's Go types marshal it (see
 * test/fixtures/k8sgpt/README.md): Failure has no JSON tags, so its keys are capitalized, and nil
 * slices are null. Unknown keys pass (newer k8sgpt versions add some).
 */
const failureSchema = z.object({
  Text: z.string(),
  KubernetesDoc: z.string().optional(),
  Sensitive: z.array(z.object({ Unmasked: z.string(), Masked: z.string() })).nullable().optional(),
});

const resultSchema = z.object({
  kind: z.string(),
  name: z.string(),
  error: z.array(failureSchema).nullable(),
  details: z.string(),
  parentObject: z.string(),
});

export const k8sgptOutputSchema = z.object({
  provider: z.string().optional(),
  errors: z.array(z.string()).nullable().optional(),
  status: z.enum(['OK', 'ProblemDetected']),
  problems: z.int(),
  results: z.array(resultSchema).nullable(),
});

export type K8sGptOutput = z.output<typeof k8sgptOutputSchema>;
export type K8sGptResult = z.output<typeof resultSchema>;

export function parseK8sGptOutput(text: string): K8sGptOutput {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new AgentFailure('invalid-answer', `K8sGPT's output is not JSON: ${(err as Error).message}`);
  }
  const parsed = k8sgptOutputSchema.safeParse(json);
  if (!parsed.success) {
    throw new AgentFailure('invalid-answer', `K8sGPT's output is not \`analyze --output json\`: ${parsed.error.issues.map((i) => `${i.path.join('.') || '<root>'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/**
 * The JSON document of k8sgpt's stdout, and what it printed before it: an analyzer that fails
 * prints its error on stdout too (pkg/analysis executeAnalyzer: fmt.Println(err)), ahead of the
 * JSON, which json.MarshalIndent starts with a lone `{` line.
 */
export function splitK8sGptStdout(stdout: string): { json: string; preamble: string[] } {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => l.trimEnd() === '{');
  if (start <= 0) return { json: stdout, preamble: [] };
  return { json: lines.slice(start).join('\n'), preamble: lines.slice(0, start).filter((l) => l.trim() !== '') };
}
