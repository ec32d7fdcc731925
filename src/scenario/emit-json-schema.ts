import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { scenarioSchema } from './scenario-schema.ts';
import { stackSchema } from './stack-schema.ts';
import { suiteSchema } from './suite-schema.ts';

/** The JSON Schemas editors use (yaml-language-server), generated from the zod schemas. */
export const SCHEMAS = { scenario: scenarioSchema, stack: stackSchema, suite: suiteSchema } as const;

export function renderJsonSchemas(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
    out[`${name}.schema.json`] = JSON.stringify({ $id: `https://firedrill.dev/schema/${name}.schema.json`, ...json }, null, 2) + '\n';
  }
  return out;
}

// `npm run schema` writes them to scenarios/schema/; a test checks they are up to date.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '../../scenarios/schema');
  await mkdir(dir, { recursive: true });
  for (const [file, text] of Object.entries(renderJsonSchemas())) await writeFile(join(dir, file), text);
}
