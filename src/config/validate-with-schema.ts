import type { z } from 'zod';
import type { ConfigIssue } from '../util/errors.ts';
import { formatPath, locate, type YamlSource } from './yaml-source.ts';

/**
 * Runs a zod schema over a YAML document and turns every zod issue into a located ConfigIssue:
 * all problems at once, each with its YAML path and line:column.
 */
export function validateWithSchema<S extends z.ZodType>(
  source: YamlSource,
  schema: S,
): { value?: z.output<S>; issues: ConfigIssue[] } {
  const parsed = schema.safeParse(source.value, { reportInput: true });
  if (parsed.success) return { value: parsed.data, issues: [] };
  const issues = parsed.error.issues.flatMap((issue) => toConfigIssues(source, issue));
  return { issues: dedupe(issues) };
}

function toConfigIssues(source: YamlSource, issue: z.core.$ZodIssue): ConfigIssue[] {
  const path = issue.path;
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      file: source.file,
      path: formatPath([...path, key]),
      ...locate(source, path, { key }),
      message: `unknown key "${key}"`,
      hint: suggestKey(source, path),
    }));
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // Report the branch that got furthest (fewest issues), as a user means one of them.
    const best = [...issue.errors].sort((a, b) => a.length - b.length)[0];
    return best.flatMap((inner) => toConfigIssues(source, { ...inner, path: [...path, ...inner.path] } as z.core.$ZodIssue));
  }
  return [{ file: source.file, path: formatPath(path), ...locate(source, path), message: describe(issue) }];
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return `required (expected ${issue.expected})`;
  if (issue.code === 'invalid_type') return `expected ${issue.expected}, got ${typeName(issue.input)}`;
  if (issue.code === 'invalid_value') return `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return issue.message;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function suggestKey(_source: YamlSource, _path: readonly PropertyKey[]): string {
  return 'remove it, or check its spelling and indentation against the JSON Schema in scenarios/schema/';
}

function dedupe(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}|${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
