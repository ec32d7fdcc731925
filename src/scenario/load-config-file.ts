import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import type { YamlPath } from '../config/path-issue.ts';
import { locateIssues, parseYamlSources, type YamlSource } from '../config/yaml-source.ts';
import { validateWithSchema } from '../config/validate-with-schema.ts';
import { ConfigError, UserInputError, type ConfigIssue } from '../util/errors.ts';

export const UNKNOWN_KEY_HINT = 'check its spelling and indentation against the JSON Schema in scenarios/schema/, or remove it';

/** Reads a one-document YAML file and validates it with `schema`; throws ConfigError with every issue. */
export async function loadConfigFile<S extends z.ZodType>(file: string, schema: S): Promise<{ value: z.output<S>; source: YamlSource }> {
  const source = await readOneDocument(file);
  const result = validateWithSchema(source, schema, { unknownKeyHint: UNKNOWN_KEY_HINT });
  if (result.issues.length) throw new ConfigError(result.issues, `see scenarios/schema/ for the file format`);
  return { value: result.value as z.output<S>, source };
}

/** A file that must hold exactly one YAML document, parsed with positions; syntax errors thrown. */
export async function readOneDocument(file: string): Promise<YamlSource> {
  const { sources, issues } = parseYamlSources(await readText(file), file);
  if (issues.length) throw new ConfigError(issues, 'fix the YAML syntax first');
  if (sources.length !== 1) {
    throw new ConfigError([{ file, path: '', message: `expected exactly one YAML document, found ${sources.length}` }]);
  }
  return sources[0];
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

/** Collects cross-check issues of one file; throws them together at the end. */
export class IssueList {
  readonly issues: ConfigIssue[] = [];
  constructor(private readonly source?: YamlSource) {}
  add(issue: ConfigIssue): void {
    this.issues.push(issue);
  }
  /** A problem at a YAML path of the file, located as file:line:column. */
  addAt(path: YamlPath, message: string, hint?: string): void {
    this.issues.push(...locateIssues([{ path, message, ...(hint ? { hint } : {}) }], this.source));
  }
  throwIfAny(hint?: string): void {
    if (this.issues.length) throw new ConfigError(this.issues, hint);
  }
}
