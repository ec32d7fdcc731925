import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { parseYamlSources, type YamlSource } from '../config/yaml-source.ts';
import { validateWithSchema } from '../config/validate-with-schema.ts';
import { ConfigError, UserInputError, type ConfigIssue } from '../util/errors.ts';

/** Reads a one-document YAML file and validates it with `schema`; throws ConfigError with every issue. */
export async function loadConfigFile<S extends z.ZodType>(file: string, schema: S): Promise<{ value: z.output<S>; source: YamlSource }> {
  const text = await readText(file);
  const { sources, issues } = parseYamlSources(text, file);
  if (issues.length) throw new ConfigError(issues, 'fix the YAML syntax first');
  if (sources.length !== 1) {
    throw new ConfigError([{ file, path: '', message: `expected exactly one YAML document, found ${sources.length}` }]);
  }
  const result = validateWithSchema(sources[0], schema);
  if (result.issues.length) throw new ConfigError(result.issues, `see scenarios/schema/ for the file format`);
  return { value: result.value as z.output<S>, source: sources[0] };
}

export async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserInputError(`${file}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`, {
      hint: code === 'ENOENT' ? 'check the path; `firedrill list` shows the built-in scenarios and stacks' : undefined,
    });
  }
}

/** Collects cross-check issues; throws them together at the end. */
export class IssueList {
  readonly issues: ConfigIssue[] = [];
  add(issue: ConfigIssue): void {
    this.issues.push(issue);
  }
  throwIfAny(hint?: string): void {
    if (this.issues.length) throw new ConfigError(this.issues, hint);
  }
}
