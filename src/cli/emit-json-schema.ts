import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { agentAnswerSchema } from '../agents/protocol/agent-answer.ts';
import { incidentBundleSchema } from '../agents/protocol/incident-bundle.ts';
import { scenarioSchema } from '../scenario/scenario-schema.ts';
import { stackSchema } from '../scenario/stack-schema.ts';
import { suiteSchema } from '../scenario/suite-schema.ts';
import { runResultFileSchema, suiteResultSchema } from '../suite/result-schemas.ts';

/**
 * The JSON Schemas of every file and message format, generated from the zod schemas: the config
 * files editors validate (yaml-language-server), and the agent protocol (what an agent receives,
 * what it must answer) for agent authors in any language, and the result files a run and a suite
 * write (result.json, suite.json) for whoever reads them.
 */
export const SCHEMAS = {
  scenario: { schema: scenarioSchema, io: 'input' },
  stack: { schema: stackSchema, io: 'input' },
  suite: { schema: suiteSchema, io: 'input' },
  'incident-bundle': { schema: incidentBundleSchema, io: 'output' },
  'agent-answer': { schema: agentAnswerSchema, io: 'input' },
  'run-result': { schema: runResultFileSchema, io: 'output' },
  'suite-result': { schema: suiteResultSchema, io: 'output' },
} as const;

export function renderJsonSchemas(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, { schema, io }] of Object.entries(SCHEMAS)) {
    const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
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
