import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mustBeOneOf } from '../../../src/config/one-of.ts';
import { locate, locateIssues, parseYamlSources } from '../../../src/config/yaml-source.ts';
import { checkWithSchema } from '../../../src/config/zod-issues.ts';

const schema = z.strictObject({
  kind: z.literal('Thing'),
  mode: z.enum(['fast', 'safe']),
  name: z.string().min(1),
  count: z.number().int().min(0),
  size: z.union([z.number(), z.string()]),
  step: z.union([z.strictObject({ weight: z.number() }), z.strictObject({ pause: z.string() })]),
  custom: z.string({ error: 'a name of your own' }).optional(),
  checked: z.string().superRefine((v, ctx) => {
    if (v !== 'ok') ctx.addIssue({ code: 'custom', message: 'not ok', params: { hint: 'say ok', atKey: true } });
  }),
});

describe('checkWithSchema: one wording for every loader', () => {
  it('words each issue, keeps a schema\'s own messages, and reports all at once', () => {
    const { value, issues } = checkWithSchema(schema, {
      kind: 'Thing', mode: 'slow', name: '', count: 1.5, size: true, step: { weight: 'x' }, custom: 3, checked: 'no', extra: 1,
    }, { prefix: ['spec'] });
    expect(value).toBeUndefined();
    expect(issues.map((i) => [i.path.join('/'), i.message, i.hint ?? '', i.atKey ?? false])).toEqual([
      ['spec/mode', 'must be one of: "fast", "safe" (got string "slow")', '', false],
      ['spec/name', 'must not be empty', '', false],
      ['spec/count', 'expected integer, got number 1.5', '', false],
      ['spec/size', 'expected number or string, got boolean true', '', false],
      ['spec/step/weight', 'expected number, got string "x"', '', false],
      ['spec/custom', 'a name of your own', '', false],
      ['spec/checked', 'not ok', 'say ok', true],
      ['spec/extra', 'unknown field "extra"', 'check its spelling and indentation, or remove it', true],
    ]);
  });

  it('says what is required and what a literal must be', () => {
    const { issues } = checkWithSchema(schema, { kind: 'Other' }, { unknownKeyHint: 'see the docs' });
    expect(issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'kind: must be "Thing" (got string "Other")',
      'mode: required (must be one of: "fast", "safe")',
      'name: required (expected string)',
    ]);
  });
});

describe('mustBeOneOf', () => {
  it('is the one way to say a value is outside a set', () => {
    expect(mustBeOneOf(['L0', 'L1'])).toBe('must be one of: "L0", "L1"');
    expect(mustBeOneOf(['x'], { got: 3 })).toBe('must be "x" (got number 3)');
  });
});

describe('locating issues in the YAML they came from', () => {
  const text = '    # indented as a whole, as in a doc page\n    spec:\n      mode: slow\n      extra: 1\n    ---\n    kind: Thing\n';

  it('points at values, at keys for unknown fields, and at the nearest parent for missing ones', () => {
    const { sources, issues } = parseYamlSources(text, 'doc.yaml', { dedent: true });
    expect(issues).toEqual([]);
    expect(sources.map((s) => s.index)).toEqual([0, 1]);
    const located = locateIssues([
      { path: ['spec', 'mode'], message: 'm' },
      { path: ['spec', 'extra'], message: 'x', atKey: true },
      { path: ['spec', 'missing'], message: 'r', hint: 'h' },
    ], sources[0]);
    expect(located).toEqual([
      { file: 'doc.yaml', path: 'spec.mode', line: 3, column: 13, message: 'm' },
      { file: 'doc.yaml', path: 'spec.extra', line: 4, column: 7, message: 'x' },
      { file: 'doc.yaml', path: 'spec.missing', line: 3, column: 7, message: 'r', hint: 'h' },
    ]);
    expect(locate(sources[1], ['kind'])).toEqual({ line: 6, column: 11 });
  });

  it('keeps loading the other documents when one has a syntax error', () => {
    const { sources, issues } = parseYamlSources('a: [1, 2\n---\nb: 3\n', 'g.yaml');
    expect(sources.map((s) => s.value)).toEqual([{ b: 3 }]);
    expect(issues[0]).toMatchObject({ file: 'g.yaml', path: '', line: expect.any(Number), message: expect.stringMatching(/^YAML syntax: /) });
  });
});
