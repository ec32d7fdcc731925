import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJsonSchemas } from '../../../src/cli/emit-json-schema.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

describe('JSON Schemas for editors', () => {
  it('are up to date with the zod schemas (run `npm run schema` after changing one)', () => {
    for (const [file, text] of Object.entries(renderJsonSchemas())) {
      expect(readFileSync(join(REPO_ROOT, 'scenarios/schema', file), 'utf8'), file).toBe(text);
    }
  });

  it('forbid unknown keys', () => {
    const schema = JSON.parse(renderJsonSchemas()['scenario.schema.json']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.spec.additionalProperties).toBe(false);
  });
});
