import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { mustBeOneOf } from '../../config/one-of.ts';
import { locateIssues, parseYamlSources } from '../../config/yaml-source.ts';
import { readText } from '../../scenario/load-config-file.ts';
import { ConfigError, FiredrillError, formatConfigIssue, type ConfigIssue } from '../../util/errors.ts';
import { VALIDATORS } from '../validators.ts';
import { loadArgoManifests } from '../../rollout/index.ts';
import { loadRuleFile } from '../../metrics/rules/index.ts';
import { COMMAND_USAGE } from '../command-table.ts';

export const validateCommand: CommandModule<object, { files: string[] }> = {
  ...COMMAND_USAGE.validate,
  builder: (y) => y.positional('files', { type: 'string', array: true, demandOption: true }) as never,
  handler: async (args) => {
    const files = (await Promise.all(args.files.map(expand))).flat();
    let invalid = 0;
    for (const file of files) {
      const issues = await validateFile(file);
      if (issues.ok) {
        process.stdout.write(`✔ ${file}: ${issues.ok}\n`);
      } else {
        invalid++;
        process.stdout.write(`✘ ${file}\n${issues.lines.map((l) => `  ${l}`).join('\n')}\n`);
      }
    }
    process.stdout.write(`\n${files.length - invalid} valid, ${invalid} invalid\n`);
    if (invalid > 0) process.exitCode = 2;
  },
};

/** Loads one file with the validator for its `kind`; every problem becomes a line. */
export async function validateFile(file: string): Promise<{ ok?: string; lines: string[] }> {
  try {
    const text = await readText(file);
    // Argo manifests (often several documents, Kubernetes kinds beside them) have their own loader.
    if (/^\s*apiVersion:\s*argoproj\.io\//m.test(text)) return validateArgoText(text, file);
    const { sources, issues } = parseYamlSources(text, file);
    if (issues.length) return { lines: issues.map(formatConfigIssue) };
    const first = sources[0]?.value as { kind?: unknown; groups?: unknown } | null | undefined;
    if (first && first.kind === undefined && Array.isArray(first.groups)) {
      const rules = loadRuleFile(text, file);
      return { ok: `Prometheus rules: ${rules.groups.map((g) => `${g.name} (${g.rules.length})`).join(', ')}`, lines: [] };
    }
    const kind = first?.kind;
    const validator = typeof kind === 'string' ? VALIDATORS[kind] : undefined;
    if (!validator) {
      const [located] = locateIssues([{ path: ['kind'], message: kind === undefined ? 'no `kind`' : `unknown kind ${JSON.stringify(kind)}`, hint: `kind ${mustBeOneOf(Object.keys(VALIDATORS))}` }], sources[0], file);
      // An empty file has no position to point at: its first line it is.
      const issue: ConfigIssue = { line: 1, column: 1, ...located };
      return { lines: [formatConfigIssue(issue)] };
    }
    return { ok: await validator(file), lines: [] };
  } catch (err) {
    if (err instanceof ConfigError) return { lines: err.issues.map(formatConfigIssue) };
    if (err instanceof FiredrillError) return { lines: [err.message + (err.hint ? ` (${err.hint})` : '')] };
    throw err;
  }
}

function validateArgoText(text: string, file: string): { ok?: string; lines: string[] } {
  const loaded = loadArgoManifests(text, file);
  if (loaded.issues.length) return { lines: loaded.issues.map(formatConfigIssue) };
  const parts = [
    [loaded.rollouts.length, 'Rollout'],
    [loaded.analysisTemplates.length, 'AnalysisTemplate'],
    [loaded.clusterAnalysisTemplates.length, 'ClusterAnalysisTemplate'],
  ].filter(([n]) => (n as number) > 0).map(([n, k]) => `${n} ${k}${(n as number) > 1 ? 's' : ''}`);
  const ignored = loaded.ignored.length ? ` (${loaded.ignored.map((i) => i.kind).join(', ')} not used by the built-in engine)` : '';
  return { ok: `Argo: ${parts.join(', ') || 'nothing to run'}${ignored}`, lines: [] };
}

async function expand(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isDirectory()) return [path];
  const entries = (await readdir(path)).sort();
  const nested = await Promise.all(entries.map((e) => (/\.ya?ml$/.test(e) ? [join(path, e)] : e === 'node_modules' ? [] : expandDir(join(path, e)))));
  return nested.flat();
}

async function expandDir(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  // A folder with a package.json is a code repository (the testbed template), not firedrill config.
  const repository = await stat(join(path, 'package.json')).then(() => true, () => false);
  return info?.isDirectory() && !repository ? expand(path) : [];
}
