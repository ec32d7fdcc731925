/**
 * Go RE2 patterns (what Prometheus label matchers and label_replace use) compiled to JS RegExps.
 * Node 20 has no inline flag groups, so `(?i)`, `(?i:...)`, `(?s)`, `(?m)` and `(?U)` are
 * applied while translating: case-insensitive letters become classes, `.` follows the current
 * s flag, ^/$ follow the m flag. RE2 syntax that JS would read differently (\z, \Q...\E,
 * [[:alpha:]], \pL, (?P<name>...)) is rewritten; Perl-only syntax (lookaround, backreferences) is
 * rejected as RE2 does.
 */

interface Flags {
  i: boolean;
  s: boolean;
  m: boolean;
  U: boolean;
}

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7F', blank: '\\t ', cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9', graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ', upper: 'A-Z', word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};

/** Characters whose simple case folding goes beyond ASCII (Kelvin sign, long s). */
const EXTRA_FOLDS: Record<string, string> = { k: '\\u212A', K: '\\u212A', s: '\\u017F', S: '\\u017F' };

const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));

export class GoRegexError extends Error {}

/** Translates a Go RE2 pattern to JS source (to be used with the 'u' flag). Throws GoRegexError. */
export function translateGoRegex(pattern: string, initial: Partial<Flags> = {}): string {
  const t = new Translator(pattern, { i: false, s: false, m: false, U: false, ...initial });
  return t.run();
}

/**
 * A fully anchored matcher as Prometheus builds it: `^(?s:pattern)$`. Results are cached because
 * the same matcher is applied to every series at every step.
 */
const cache = new Map<string, RegExp>();
export function compileAnchoredRegex(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${translateGoRegex(pattern, { s: true })})$`, 'u');
    if (cache.size > 10_000) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

class Translator {
  private pos = 0;
  private readonly stack: Flags[] = [];
  constructor(private readonly src: string, private flags: Flags) {}

  run(): string {
    const out = this.alternation();
    if (this.pos < this.src.length) throw new GoRegexError(`unexpected ) at position ${this.pos}`);
    return out;
  }

  private alternation(): string {
    let out = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === ')') break;
      if (c === '|') {
        out += '|';
        this.pos++;
        continue;
      }
      out += this.atomWithQuantifier();
    }
    return out;
  }

  private atomWithQuantifier(): string {
    const atom = this.atom();
    if (atom === '') return '';
    let out = atom;
    const q = /^(\*|\+|\?|\{\d+(,\d*)?\})/.exec(this.src.slice(this.pos));
    if (!q) return out;
    if (q[1].startsWith('{') && Number(q[1].slice(1).split(/[,}]/)[0]) > 1000) {
      throw new GoRegexError('invalid repeat count');
    }
    this.pos += q[1].length;
    out += q[1];
    let lazy = false;
    if (this.src[this.pos] === '?') {
      lazy = true;
      this.pos++;
    }
    if (lazy !== this.flags.U) out += '?';
    if (/^[*+?{]/.test(this.src.slice(this.pos))) throw new GoRegexError('invalid nested repetition operator');
    return out;
  }

  private atom(): string {
    const c = this.src[this.pos];
    switch (c) {
      case '(':
        return this.group();
      case '[':
        return this.charClass();
      case '\\':
        return this.escape(false);
      case '.':
        this.pos++;
        return this.flags.s ? '[^]' : '[^\\n]';
      case '^':
        this.pos++;
        return this.flags.m ? '(?:^|(?<=\\n))' : '^';
      case '$':
        this.pos++;
        return this.flags.m ? '(?:$|(?=\\n))' : '$';
      case '*':
      case '+':
      case '?':
        throw new GoRegexError(`missing argument to repetition operator: ${c}`);
      default: {
        const cp = this.src.codePointAt(this.pos)!;
        const ch = String.fromCodePoint(cp);
        this.pos += ch.length;
        return this.literal(ch);
      }
    }
  }

  private literal(ch: string): string {
    if (this.flags.i && /[a-zA-Z]/.test(ch)) {
      return `[${ch.toLowerCase()}${ch.toUpperCase()}${EXTRA_FOLDS[ch] ?? ''}]`;
    }
    if (this.flags.i && ch.toLowerCase() !== ch.toUpperCase()) {
      return `[${escapeClassChar(ch.toLowerCase())}${escapeClassChar(ch.toUpperCase())}]`;
    }
    return JS_SYNTAX.has(ch) ? `\\${ch}` : ch;
  }

  private group(): string {
    this.pos++; // (
    const saved = { ...this.flags };
    let prefix = '(';
    if (this.src[this.pos] === '?') {
      const rest = this.src.slice(this.pos);
      const named = /^\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
      const flagGroup = /^\?([imsU]*)(?:-([imsU]*))?(:|\))/.exec(rest);
      if (named) {
        prefix = `(?<${named[1]}>`;
        this.pos += named[0].length;
      } else if (flagGroup && (flagGroup[1] || flagGroup[2] !== undefined || flagGroup[3] === ':')) {
        this.pos += flagGroup[0].length;
        const next = { ...this.flags };
        for (const f of flagGroup[1]) next[f as keyof Flags] = true;
        for (const f of flagGroup[2] ?? '') next[f as keyof Flags] = false;
        if (flagGroup[3] === ')') {
          // (?i) changes the flags for the rest of the enclosing group.
          this.flags = next;
          return '';
        }
        this.flags = next;
        prefix = '(?:';
      } else {
        throw new GoRegexError(`invalid or unsupported Perl syntax: \`(${rest.slice(0, 2)}\``);
      }
    }
    this.stack.push(saved);
    const inner = this.alternation();
    if (this.src[this.pos] !== ')') throw new GoRegexError(`missing closing ): \`${this.src}\``);
    this.pos++;
    this.flags = this.stack.pop()!;
    return `${prefix}${inner})`;
  }

  private escape(inClass: boolean): string {
    const next = this.src[this.pos + 1];
    if (next === undefined) throw new GoRegexError('trailing backslash at end of expression');
    this.pos += 2;
    switch (next) {
      case 'd': case 'D': case 'w': case 'W': case 's': case 'S':
        return next === 's' ? '[\\t\\n\\f\\r ]' : next === 'S' ? '[^\\t\\n\\f\\r ]' : `\\${next}`;
      case 'b': case 'B':
        if (inClass) throw new GoRegexError('invalid escape sequence: \\b');
        return `\\${next}`;
      case 'A':
        return '^';
      case 'z':
        return '$';
      case 'n': case 't': case 'r': case 'f': case 'v':
        return `\\${next}`;
      case 'a':
        return '\\x07';
      case 'Q': {
        const end = this.src.indexOf('\\E', this.pos);
        const text = this.src.slice(this.pos, end < 0 ? undefined : end);
        this.pos = end < 0 ? this.src.length : end + 2;
        return [...text].map((ch) => (inClass ? escapeClassChar(ch) : this.literal(ch))).join('');
      }
      case 'x': {
        const braced = /^\{([0-9a-fA-F]+)\}/.exec(this.src.slice(this.pos));
        const hex = braced ? braced[1] : this.src.slice(this.pos, this.pos + 2);
        if (!braced && !/^[0-9a-fA-F]{2}$/.test(hex)) throw new GoRegexError('invalid escape sequence: \\x');
        this.pos += braced ? braced[0].length : 2;
        const ch = String.fromCodePoint(parseInt(hex, 16));
        return inClass ? escapeClassChar(ch) : this.literal(ch);
      }
      case 'p': case 'P': {
        const m = /^(\{\^?[A-Za-z_]+\}|[A-Za-z])/.exec(this.src.slice(this.pos));
        if (!m) throw new GoRegexError('invalid character class range');
        this.pos += m[0].length;
        let name = m[0].replace(/[{}]/g, '');
        let negate = next === 'P';
        if (name.startsWith('^')) {
          negate = !negate;
          name = name.slice(1);
        }
        const prop = /^(L|Lu|Ll|Lt|Lm|Lo|M|Mn|Mc|Me|N|Nd|Nl|No|P|Pc|Pd|Ps|Pe|Pi|Pf|Po|S|Sm|Sc|Sk|So|Z|Zs|Zl|Zp|C|Cc|Cf|Cs|Co|Cn|Any)$/.test(name)
          ? (name === 'Any' ? 'Any' : `General_Category=${name}`)
          : `Script=${name}`;
        return `\\${negate ? 'P' : 'p'}{${prop}}`;
      }
      default:
        if (/[0-9]/.test(next)) {
          if (next === '0' || /[0-7]/.test(next)) {
            const oct = /^[0-7]{0,2}/.exec(this.src.slice(this.pos))![0];
            if (next !== '0' && oct.length === 0) throw new GoRegexError(`invalid escape sequence: \\${next}`);
            this.pos += oct.length;
            const ch = String.fromCharCode(parseInt(next + oct, 8));
            return inClass ? escapeClassChar(ch) : this.literal(ch);
          }
          throw new GoRegexError(`invalid escape sequence: \\${next}`);
        }
        if (/[A-Za-z]/.test(next)) throw new GoRegexError(`invalid escape sequence: \\${next}`);
        return inClass ? escapeClassChar(next) : this.literal(next);
    }
  }

  /** A bracket expression; under (?i) every letter range also gets its other case. */
  private charClass(): string {
    this.pos++; // [
    let negate = false;
    if (this.src[this.pos] === '^') {
      negate = true;
      this.pos++;
    }
    const items: string[] = [];
    let first = true;
    while (this.pos < this.src.length && (this.src[this.pos] !== ']' || first)) {
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.pos));
      if (posix) {
        const body = POSIX_CLASSES[posix[2]];
        if (!body) throw new GoRegexError(`invalid character class range: ${posix[0]}`);
        this.pos += posix[0].length;
        if (posix[1]) throw new GoRegexError('negated POSIX classes inside brackets are not supported');
        items.push(body);
        continue;
      }
      const lo = this.classAtom();
      if (this.src[this.pos] === '-' && this.src[this.pos + 1] !== ']' && this.pos + 1 < this.src.length) {
        this.pos++;
        const hi = this.classAtom();
        if (lo.char === undefined || hi.char === undefined) throw new GoRegexError('invalid character class range');
        if (lo.char.codePointAt(0)! > hi.char.codePointAt(0)!) throw new GoRegexError('invalid character class range');
        items.push(`${escapeClassChar(lo.char)}-${escapeClassChar(hi.char)}`);
        if (this.flags.i) items.push(...foldRange(lo.char.codePointAt(0)!, hi.char.codePointAt(0)!));
      } else {
        items.push(lo.text);
        if (this.flags.i && lo.char !== undefined) items.push(...foldRange(lo.char.codePointAt(0)!, lo.char.codePointAt(0)!));
      }
    }
    if (this.src[this.pos] !== ']') throw new GoRegexError(`missing closing ]: \`${this.src}\``);
    this.pos++;
    return `[${negate ? '^' : ''}${items.join('')}]`;
  }

  /** One class member: its JS text, and its character when it is a single character. */
  private classAtom(): { text: string; char?: string } {
    if (this.src[this.pos] === '\\') {
      const next = this.src[this.pos + 1];
      if (next !== undefined && /[dDwWsSpP]/.test(next)) return { text: stripBrackets(this.escape(true)) };
      const text = this.escape(true);
      return { text, char: unescapeClassChar(text) };
    }
    const cp = this.src.codePointAt(this.pos)!;
    const ch = String.fromCodePoint(cp);
    this.pos += ch.length;
    return { text: escapeClassChar(ch), char: ch };
  }
}

function escapeClassChar(ch: string): string {
  if ('\\]^-['.includes(ch)) return `\\${ch}`;
  if (ch === '\n') return '\\n';
  const cp = ch.codePointAt(0)!;
  if (cp < 0x20) return `\\x${cp.toString(16).padStart(2, '0')}`;
  return ch;
}

function unescapeClassChar(text: string): string | undefined {
  if (text.length === 1 || (text.length === 2 && text.codePointAt(0)! > 0xffff)) return text;
  if (/^\\[\\\]^\-[]$/.test(text)) return text[1];
  const simple: Record<string, string> = { '\\n': '\n', '\\t': '\t', '\\r': '\r', '\\f': '\f', '\\v': '\v' };
  if (text in simple) return simple[text];
  if (/^\\x[0-9a-f]{2}$/.test(text)) return String.fromCharCode(parseInt(text.slice(2), 16));
  return undefined;
}

function stripBrackets(text: string): string {
  return text.startsWith('[') && text.endsWith(']') && !text.startsWith('[^') ? text.slice(1, -1) : text;
}

/** The other-case counterparts of the ASCII letters in [lo, hi], as class items. */
function foldRange(lo: number, hi: number): string[] {
  const out: string[] = [];
  const spans: [number, number, number][] = [[0x41, 0x5a, 0x20], [0x61, 0x7a, -0x20]];
  for (const [a, b, delta] of spans) {
    const from = Math.max(lo, a);
    const to = Math.min(hi, b);
    if (from <= to) out.push(`${String.fromCharCode(from + delta)}-${String.fromCharCode(to + delta)}`);
  }
  for (let c = Math.max(lo, 0x4b); c <= hi && c <= 0x73; c++) {
    const extra = EXTRA_FOLDS[String.fromCharCode(c)];
    if (extra) out.push(extra);
  }
  return out;
}
