import type { z } from 'zod';
import type { ConfigIssue } from '../util/errors.ts';
import { locateIssues, type YamlSource } from './yaml-source.ts';
import { checkWithSchema, type SchemaCheckOptions } from './zod-issues.ts';

/**
 * Runs a zod schema over a YAML document: every problem at once, each with its YAML path,
 * file:line:column, message and hint.
 */
export function validateWithSchema<S extends z.ZodType>(
  source: YamlSource,
  schema: S,
  opts: SchemaCheckOptions = {},
): { value?: z.output<S>; issues: ConfigIssue[] } {
  const checked = checkWithSchema(schema, source.value, opts);
  return { ...(checked.issues.length === 0 ? { value: checked.value } : {}), issues: locateIssues(checked.issues, source) };
}
