import { writeFilePatch } from '../../../util/write-patch.ts';
import type { ToolboxClient } from '../toolbox-client.ts';

/**
 * Doubles the replicas of a service in its config (`runtime.replicas`), as a patch against the
 * deployed commit: the reflex fix for a saturated service, inside the default policy's 2x bound.
 * Undefined when the service has no such config.
 */
export async function scaleUpPatch(client: ToolboxClient, commit: string, service: string, factor = 2): Promise<{ patch: string; from: number; to: number } | undefined> {
  const file = `services/${service}/config.json`;
  const before = await client.file(commit, file);
  if (before === undefined) return undefined;
  const match = /("replicas"\s*:\s*)(\d+)/.exec(before);
  if (!match) return undefined;
  const from = Number(match[2]);
  const to = Math.max(from + 1, Math.floor(from * factor));
  const after = before.replace(match[0], `${match[1]}${to}`);
  return { patch: writeFilePatch(file, before, after), from, to };
}
