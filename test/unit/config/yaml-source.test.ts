import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { locate, parseYamlSources } from '../../../src/config/yaml-source.ts';
import { validateWithSchema } from '../../../src/config/validate-with-schema.ts';

const text = `kind: Thing
spec:
  name: x
  items:
    - { a: 1 }
    - { a: "two", extra: true }
`;

describe('YAML sources', () => {
  it('locates nodes by path', () => {
    const { sources } = parseYamlSources(text, 'f.yaml');
    expect(locate(sources[0], ['spec', 'items', 1, 'a'])).toEqual({ line: 6, column: 12 });
    expect(locate(sources[0], ['spec', 'missing'])).toEqual({ line: 3, column: 3 });
  });

  it('reports every schema problem at once, each with path and position', () => {
    const { sources } = parseYamlSources(text, 'f.yaml');
    const schema = z.object({ kind: z.literal('Thing'), spec: z.object({ name: z.string(), items: z.array(z.object({ a: z.number() }).strict()) }).strict() }).strict();
    const { issues } = validateWithSchema(sources[0], schema);
    expect(issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`)).toEqual([
      '6:12 spec.items[1].a: expected number, got string "two"',
      '6:19 spec.items[1].extra: unknown field "extra"',
    ]);
  });

  it('turns syntax errors into located issues', () => {
    const { issues } = parseYamlSources('a: [1, 2\nb: 3\n', 'g.yaml');
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0].line).toBeGreaterThan(0);
    expect(issues[0].message).toMatch(/YAML syntax/);
  });
});
