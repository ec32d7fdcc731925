import { writeFilePatch } from '../../../util/write-patch.ts';
import type { ConfigChange } from '../heuristic/summarize-change.ts';
import type { ToolboxClient } from '../toolbox-client.ts';

/**
 * Turns off the feature flags the deploy turned on (a `flags.<name>` that went from false or
 * absent to true in a service's config), as a patch against the deployed commit. Undefined
 * when the change enabled no flag.
 */
export async function flagOffPatch(client: ToolboxClient, commit: string, changes: ConfigChange[]): Promise<{ patch: string; flags: string[] } | undefined> {
  const enabled = changes.filter((c) => c.path.length === 2 && c.path[0] === 'flags' && c.after === true && c.before !== true);
  if (enabled.length === 0) return undefined;
  const byFile = new Map<string, string[]>();
  for (const c of enabled) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c.path[1]]);
  let patch = '';
  for (const [file, flags] of byFile) {
    const before = await client.file(commit, file);
    if (before === undefined) continue;
    let after = before;
    for (const flag of flags) after = after.replace(new RegExp(`("${escape(flag)}"\\s*:\\s*)true\\b`), '$1false');
    patch += writeFilePatch(file, before, after);
  }
  return patch ? { patch, flags: enabled.map((c) => c.path[1]) } : undefined;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
