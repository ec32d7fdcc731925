import { parseUnifiedDiff, pathOf, type DiffFile } from '../../../util/unified-diff.ts';
import type { ToolboxClient } from '../toolbox-client.ts';

/** One value a config file change moved, e.g. dependencies.payments.retries: 1 -> 4. */
export interface ConfigChange {
  file: string;
  path: string[];
  before: unknown;
  after: unknown;
}

/** What the deploy changed in one service. */
export interface ServiceChange {
  service: string;
  /** Handler code and modules (not config, not tests). */
  codeFiles: DiffFile[];
  configFiles: DiffFile[];
  configChanges: ConfigChange[];
}

const SERVICE_PATH = /^services\/([^/]+)\//;
const isTest = (p: string): boolean => /(^|\/)(test|tests|__tests__)\/|\.test\.[cm]?js$|\.spec\.[cm]?js$/.test(p);
const isConfig = (p: string): boolean => /\.(json|ya?ml)$/.test(p);

/**
 * The deploy's diff by service: its code files, its config files, and each config value that
 * moved (read from the files at both commits, so a reordered JSON file is not a change).
 */
export async function summarizeChange(
  client: ToolboxClient, diff: string, commits: { parent: string; commit: string },
): Promise<Map<string, ServiceChange>> {
  const out = new Map<string, ServiceChange>();
  for (const file of parseUnifiedDiff(diff).files) {
    const path = pathOf(file);
    const service = SERVICE_PATH.exec(path)?.[1];
    if (!service || isTest(path)) continue;
    let change = out.get(service);
    if (!change) {
      change = { service, codeFiles: [], configFiles: [], configChanges: [] };
      out.set(service, change);
    }
    if (isConfig(path)) {
      change.configFiles.push(file);
      if (path.endsWith('.json')) change.configChanges.push(...(await diffJsonFile(client, commits, file)));
    } else {
      change.codeFiles.push(file);
    }
  }
  return out;
}

async function diffJsonFile(client: ToolboxClient, commits: { parent: string; commit: string }, file: DiffFile): Promise<ConfigChange[]> {
  const parse = async (commit: string, path: string | undefined): Promise<unknown> => {
    if (!path) return undefined;
    try {
      const text = await client.file(commit, path);
      return text === undefined ? undefined : (JSON.parse(text) as unknown);
    } catch {
      return undefined;
    }
  };
  const before = await parse(commits.parent, file.oldPath);
  const after = await parse(commits.commit, file.newPath);
  const changes: ConfigChange[] = [];
  walk(before, after, [], (path, b, a) => changes.push({ file: pathOf(file), path, before: b, after: a }));
  return changes;
}

/** Calls `found` for every leaf that differs between two JSON values. */
function walk(a: unknown, b: unknown, path: string[], found: (path: string[], a: unknown, b: unknown) => void): void {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObj(a) && isObj(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) walk(a[k], b[k], [...path, k], found);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) found(path, a, b);
}
