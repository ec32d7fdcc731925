import fc from 'fast-check';
import { isMap, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';

/**
 * Mutants of a YAML file for fuzzing the loaders: text edits (a line deleted, duplicated,
 * swapped, re-indented, its value replaced by a hostile one, random text inserted, the file
 * cut short, a character replaced) and tree edits (a key deleted or renamed, a value replaced
 * by any JSON value or wrapped in a list). Each is a function of the original text, so a mutant
 * is reproducible from the fast-check seed.
 */
export type Mutation = { describe: string; apply: (text: string) => string };

/** Values that break parsers and schemas in different ways. */
const HOSTILE_VALUES = [
  '', '~', 'null', '-1', '0', '1e309', '-0', 'NaN', '.nan', '.inf', 'true', 'no', '[]', '{}', '[[[', '"x"', "'unterminated",
  '*nowhere', '&a x', '!!binary x', '!!js/function x', '9999999999999999999999', '0x1F', '1h', '-5m', '2m30', '"\\u0000"', '|', '>-', '@', '`x`', '%x',
];

const lineOf = (text: string, index: number): { lines: string[]; i: number } => {
  const lines = text.split('\n');
  return { lines, i: index % Math.max(1, lines.length) };
};

const textMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((n) => ({ describe: `delete line ${n}`, apply: (t: string) => {
    const { lines, i } = lineOf(t, n);
    lines.splice(i, 1);
    return lines.join('\n');
  } })),
  fc.nat().map((n) => ({ describe: `duplicate line ${n}`, apply: (t: string) => {
    const { lines, i } = lineOf(t, n);
    lines.splice(i, 0, lines[i]);
    return lines.join('\n');
  } })),
  fc.nat().map((n) => ({ describe: `swap line ${n} with the next`, apply: (t: string) => {
    const { lines, i } = lineOf(t, n);
    if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1], lines[i]];
    return lines.join('\n');
  } })),
  fc.tuple(fc.nat(), fc.integer({ min: -4, max: 4 })).map(([n, d]) => ({ describe: `indent line ${n} by ${d}`, apply: (t: string) => {
    const { lines, i } = lineOf(t, n);
    lines[i] = d >= 0 ? ' '.repeat(d) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-d}}`), '');
    return lines.join('\n');
  } })),
  fc.tuple(fc.nat(), fc.constantFrom(...HOSTILE_VALUES)).map(([n, v]) => ({ describe: `value of the ${n}th key line := ${JSON.stringify(v)}`, apply: (t: string) => {
    const lines = t.split('\n');
    const keyed = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*(- )?[\w.-]+:\s*\S/.test(l));
    if (!keyed.length) return t;
    const [l, i] = keyed[n % keyed.length];
    lines[i] = l.replace(/^(\s*(?:- )?[\w.-]+:)\s*.*$/, `$1 ${v}`);
    return lines.join('\n');
  } })),
  fc.tuple(fc.nat(), fc.string({ maxLength: 40 })).map(([n, s]) => ({ describe: `insert ${JSON.stringify(s)} before line ${n}`, apply: (t: string) => {
    const { lines, i } = lineOf(t, n);
    lines.splice(i, 0, s);
    return lines.join('\n');
  } })),
  fc.nat().map((n) => ({ describe: `cut at ${n}`, apply: (t: string) => t.slice(0, n % (t.length + 1)) })),
  fc.tuple(fc.nat(), fc.constantFrom(':', '-', '#', '\t', '"', "'", '{', '[', '&', '*', '!', '|', '\u0000', '\uFEFF', ' ')).map(([n, c]) => ({
    describe: `char ${n} := ${JSON.stringify(c)}`,
    apply: (t: string) => {
      const i = n % Math.max(1, t.length);
      return t.slice(0, i) + c + t.slice(i + 1);
    },
  })),
);

/** Every node path of a document's tree (map keys and list indexes). */
function collectPaths(node: Node | null | undefined, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      out.push([...at, key]);
      collectPaths(pair.value as Node, [...at, key], out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      out.push([...at, i]);
      collectPaths(item as Node, [...at, i], out);
    });
  }
  return out;
}

type TreeEdit = 'delete' | 'rename' | 'replace' | 'wrap';

const treeMutation: fc.Arbitrary<Mutation> = fc
  .tuple(fc.nat(), fc.constantFrom<TreeEdit>('delete', 'rename', 'replace', 'wrap'), fc.jsonValue({ maxDepth: 2 }), fc.nat())
  .map(([n, edit, value, docIndex]) => ({
    describe: `${edit} the ${n}th node${edit === 'replace' ? ` with ${JSON.stringify(value)}` : ''}`,
    apply: (t: string) => {
      const docs = parseAllDocuments(t);
      if (!Array.isArray(docs) || docs.length === 0) return t;
      const doc = docs[docIndex % docs.length];
      if (doc.errors.length) return t;
      const paths = collectPaths(doc.contents as Node);
      if (!paths.length) return t;
      const path = paths[n % paths.length];
      if (edit === 'delete') doc.deleteIn(path);
      else if (edit === 'replace') doc.setIn(path, doc.createNode(value));
      else if (edit === 'wrap') doc.setIn(path, doc.createNode([doc.getIn(path, true)]));
      else {
        const key = path.at(-1);
        if (typeof key !== 'string') return t;
        const v = doc.getIn(path, true);
        doc.deleteIn(path);
        doc.setIn([...path.slice(0, -1), `${key}x`], v);
      }
      try {
        return docs.map((d) => d.toString({ lineWidth: 0 })).join('');
      } catch {
        return t; // a tree yaml cannot print (an alias an earlier edit left unresolved): no edit
      }
    },
  }));

/** One to three mutations of either kind, applied in order. */
export const yamlMutants: fc.Arbitrary<Mutation[]> = fc.array(fc.oneof(textMutation, treeMutation), { minLength: 1, maxLength: 3 });

export function applyMutations(text: string, mutations: Mutation[]): string {
  return mutations.reduce((t, m) => m.apply(t), text);
}
