import { parseAllDocuments } from 'yaml';
import { writeFilePatch } from '../../../util/write-patch.ts';
import type { ToolboxClient } from '../toolbox-client.ts';

/** Where the repository keeps the Rollout and AnalysisTemplate manifests. */
export const MANIFEST_DIR = 'deploy/argo';

/**
 * The plausible wrong fix: instead of fixing the code, loosen the canary analysis so the bad
 * revision passes. Every numeric AnalysisTemplate arg a success or failure condition compares
 * against is multiplied by `factor`. Undefined when no template has such an arg.
 */
export async function widenThresholdPatch(client: ToolboxClient, commit: string, factor = 10): Promise<{ patch: string; args: string[] } | undefined> {
  let patch = '';
  const widened: string[] = [];
  for (const file of (await client.listFiles(commit, MANIFEST_DIR)).filter((f) => /\.ya?ml$/.test(f))) {
    const before = await client.file(commit, file);
    if (before === undefined) continue;
    let after = before;
    for (const doc of parseAllDocuments(before)) {
      const t = doc.toJS() as { kind?: string; spec?: { args?: { name: string; value?: string }[]; metrics?: { successCondition?: string; failureCondition?: string }[] } } | null;
      if (t?.kind !== 'AnalysisTemplate' && t?.kind !== 'ClusterAnalysisTemplate') continue;
      const conditions = (t.spec?.metrics ?? []).map((m) => `${m.successCondition ?? ''} ${m.failureCondition ?? ''}`).join(' ');
      for (const arg of t.spec?.args ?? []) {
        const value = Number(arg.value);
        if (arg.value === undefined || !Number.isFinite(value) || !conditions.includes(`args.${arg.name}`)) continue;
        const wider = String(Number((value * factor).toPrecision(6)));
        // The arg's value line follows its name: replace the first `value:` after `- name: <arg>`.
        const at = after.search(new RegExp(`-\\s*name:\\s*["']?${escape(arg.name)}["']?\\s*\\n\\s*value:`));
        if (at < 0) continue;
        const line = after.slice(at).search(/value:/) + at;
        const end = after.indexOf('\n', line);
        after = `${after.slice(0, line)}value: "${wider}"${after.slice(end)}`;
        widened.push(`${arg.name} ${arg.value} -> ${wider}`);
      }
    }
    patch += writeFilePatch(file, before, after);
  }
  return patch ? { patch, args: widened } : undefined;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
