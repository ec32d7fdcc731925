import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { CommandModule } from 'yargs';
import { readText } from '../../scenario/load-config-file.ts';
import { BUILTIN_SCENARIOS, BUILTIN_STACKS } from '../paths.ts';
import { COMMAND_USAGE } from '../command-table.ts';

export const listCommand: CommandModule = {
  ...COMMAND_USAGE.list,
  handler: async () => {
    process.stdout.write(`scenarios (${BUILTIN_SCENARIOS}):\n${await describeFolder(BUILTIN_SCENARIOS)}\n`);
    process.stdout.write(`stacks (${BUILTIN_STACKS}):\n${await describeFolder(BUILTIN_STACKS)}\n`);
  },
};

async function describeFolder(dir: string): Promise<string> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
  const rows = await Promise.all(
    files.map(async (f) => {
      const doc = parseHead(await readText(join(dir, f)));
      const level = doc.spec?.level ? ` [${doc.spec.level}]` : '';
      return [f.replace(/\.yaml$/, ''), `${doc.metadata?.description ?? ''}${level}`] as const;
    }),
  );
  const width = Math.max(0, ...rows.map(([n]) => n.length));
  return rows.map(([n, d]) => `  ${n.padEnd(width)}  ${d}`).join('\n');
}

type ListedDoc = { kind?: string; metadata?: { name?: string; description?: string }; spec?: { level?: string } };

/**
 * What `list` shows, parsed from the lines before `spec:` when metadata and a kind other than Stack
 * are there (a scenario's spec is mostly its deploy's code edits: parsing every one of them was a
 * quarter of `list`'s start time); the whole document otherwise (a stack's level is in its spec).
 */
function parseHead(text: string): ListedDoc {
  const spec = /^spec:/m.exec(text);
  if (spec) {
    let head: ListedDoc | null = null;
    try {
      head = parse(text.slice(0, spec.index)) as ListedDoc | null;
    } catch {
      // A head that is no document on its own (an odd layout): the whole file decides.
    }
    if (head?.metadata && head.kind !== undefined && head.kind !== 'Stack') return head;
  }
  return parse(text) as ListedDoc;
}
