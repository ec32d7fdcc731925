/** zod issues → ConfigIssues with YAML paths (`spec.metrics[0].provider`) and plain messages. */
import type { ConfigIssue } from '../../../util/errors.ts';

interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: unknown;
  keys?: string[];
  values?: unknown[];
}

export function formatYamlPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

export function zodIssuesToConfigIssues(issues: readonly ZodIssueLike[], prefix: string): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of issues) {
    const path = formatYamlPath(prefix, issue.path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys ?? []) {
        out.push({ path: formatYamlPath(path, [key]), message: `unknown field "${key}"` });
      }
      continue;
    }
    out.push({ path, message: describe(issue) });
  }
  return out;
}

function describe(issue: ZodIssueLike): string {
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input: expected')) {
    const received = /received (\w+)/.exec(issue.message)?.[1];
    if (received === 'undefined') return `required field is missing (expected ${String(issue.expected)})`;
    return issue.message.replace('Invalid input: ', '');
  }
  if (issue.code === 'invalid_value' && issue.values) return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return issue.message.replace(/^Invalid input: /, '');
}
