import { writeFilePatch } from '../../../util/write-patch.ts';
import type { ScenarioTruth } from '../../../scenario/scenario-schema.ts';
import type { ToolboxClient } from '../toolbox-client.ts';

/**
 * The ground truth's fix as a patch against the deployed commit: its edits applied to the files
 * as they are there (read through the toolbox, like any agent would).
 */
export async function oracleFixPatch(client: ToolboxClient, commit: string, fix: NonNullable<Extract<ScenarioTruth, { bad: true }>['fix']>): Promise<string> {
  let patch = '';
  for (const change of fix.changes) {
    const before = await client.file(commit, change.file);
    let after: string | undefined;
    if ('delete' in change) after = undefined;
    else if ('content' in change) after = change.content;
    else {
      after = before ?? '';
      for (const e of change.edits) after = after.replace(e.find, () => e.replace);
    }
    patch += writeFilePatch(change.file, before, after);
  }
  return patch;
}
