import type { z } from 'zod';
import type { RawIssue, RawPath } from './raw-access.ts';

/**
 * zod issues as located, human messages. Unknown keys read like Argo's strict decoder
 * ("unknown field"), so a typo is told apart from a known-but-unsupported field.
 */
export function convertZodIssues(issues: readonly z.core.$ZodIssue[], prefix: RawPath = []): RawIssue[] {
  return issues.flatMap((issue) => convertOne(issue, prefix));
}

function convertOne(issue: z.core.$ZodIssue, prefix: RawPath): RawIssue[] {
  const path: RawPath = [...prefix, ...(issue.path as (string | number)[])];
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: [...path, key], message: `unknown field "${key}"`, atKey: true }));
    case 'invalid_union': {
      // Report the branch that got furthest: the user meant one of them.
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
      if (best.length === 0) return [{ path, message: issue.message }];
      return convertZodIssues(best, path);
    }
    case 'invalid_type':
      return [{ path, message: issue.input === undefined ? `required (expected ${issue.expected})` : `expected ${issue.expected}, got ${describeValue(issue.input)}` }];
    case 'invalid_value':
      return [{ path, message: `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${describeValue(issue.input)}` }];
    case 'too_small':
      return [{ path, message: issue.origin === 'string' ? 'must not be empty' : issue.message }];
    case 'custom':
      return [{ path, message: issue.message, atKey: true }];
    default:
      return [{ path, message: issue.message }];
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}
