/**
 * A unified diff (`git diff` output, or a patch an agent wrote) as data: files, their headers
 * (new, deleted, renamed, mode changes, binary) and hunks with line numbers on both sides.
 * Read by the diagnosis scorer (which hunk is the culprit), the built-in agents, and the fix
 * guard (what a patch would touch, before anything touches disk). Never throws: what it cannot
 * read becomes a `problems` entry, so a hostile patch is described rather than trusted.
 */
export interface DiffLine {
  kind: '+' | '-' | ' ';
  text: string;
  /** Line number in the old file (context and removed lines). */
  oldLine?: number;
  /** Line number in the new file (context and added lines). */
  newLine?: number;
}

export interface DiffHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** The text after the second @@ (often the enclosing function). */
  section: string;
  lines: DiffLine[];
}

export interface DiffFile {
  /** Path before the change (undefined for a new file). */
  oldPath?: string;
  /** Path after the change (undefined for a deleted file). */
  newPath?: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed';
  binary: boolean;
  oldMode?: string;
  newMode?: string;
  hunks: DiffHunk[];
}

export interface ParsedDiff {
  files: DiffFile[];
  /** Lines that fit no part of a unified diff, with their 1-based line numbers. */
  problems: string[];
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;

export function parseUnifiedDiff(text: string): ParsedDiff {
  const files: DiffFile[] = [];
  const problems: string[] = [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let file: DiffFile | undefined;
  let hunk: DiffHunk | undefined;
  let oldLeft = 0;
  let newLeft = 0;
  let oldNo = 0;
  let newNo = 0;
  const startFile = (f: Partial<DiffFile>): DiffFile => {
    const created: DiffFile = { status: 'modified', binary: false, hunks: [], ...f };
    files.push(created);
    hunk = undefined;
    return created;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (hunk && (oldLeft > 0 || newLeft > 0)) {
      const kind = line[0];
      if (kind === ' ' || kind === '-' || kind === '+' || line === '') {
        // An empty line inside a hunk is a context line whose leading space was stripped.
        const k = (line === '' ? ' ' : kind) as DiffLine['kind'];
        const entry: DiffLine = { kind: k, text: line.slice(1) };
        if (k !== '+') { entry.oldLine = oldNo++; oldLeft--; }
        if (k !== '-') { entry.newLine = newNo++; newLeft--; }
        hunk.lines.push(entry);
        continue;
      }
      if (line.startsWith('\\')) continue;
      problems.push(`line ${i + 1}: hunk ended early (${oldLeft} old and ${newLeft} new lines missing)`);
      oldLeft = newLeft = 0;
    }
    if (line.startsWith('\\')) continue; // "\ No newline at end of file"
    if (line.startsWith('diff --git ')) {
      const paths = splitGitPaths(line.slice('diff --git '.length));
      file = startFile({ oldPath: paths?.[0], newPath: paths?.[1] });
      if (!paths) problems.push(`line ${i + 1}: cannot read the paths of ${JSON.stringify(line)}`);
      continue;
    }
    if (line.startsWith('--- ')) {
      const path = stripPrefix(line.slice(4));
      if (!file || file.hunks.length > 0 || hunk) file = startFile({});
      if (path === undefined) file.status = 'added';
      file.oldPath = path;
      continue;
    }
    if (line.startsWith('+++ ')) {
      if (!file) file = startFile({});
      const path = stripPrefix(line.slice(4));
      file.newPath = path;
      if (path === undefined) file.status = 'deleted';
      continue;
    }
    const m = HUNK.exec(line);
    if (m) {
      if (!file) {
        problems.push(`line ${i + 1}: a hunk before any file header`);
        file = startFile({});
      }
      hunk = {
        oldStart: Number(m[1]), oldLines: m[2] === undefined ? 1 : Number(m[2]),
        newStart: Number(m[3]), newLines: m[4] === undefined ? 1 : Number(m[4]),
        section: m[5], lines: [],
      };
      file.hunks.push(hunk);
      oldLeft = hunk.oldLines;
      newLeft = hunk.newLines;
      oldNo = hunk.oldStart;
      newNo = hunk.newStart;
      continue;
    }
    if (!file) {
      if (line.trim() !== '') problems.push(`line ${i + 1}: text before the first file header`);
      continue;
    }
    if (line.startsWith('new file mode ')) { file.status = 'added'; file.newMode = line.slice(14).trim(); continue; }
    if (line.startsWith('deleted file mode ')) { file.status = 'deleted'; file.oldMode = line.slice(18).trim(); continue; }
    if (line.startsWith('old mode ')) { file.oldMode = line.slice(9).trim(); continue; }
    if (line.startsWith('new mode ')) { file.newMode = line.slice(9).trim(); continue; }
    if (line.startsWith('rename from ')) { file.status = 'renamed'; file.oldPath = line.slice(12); continue; }
    if (line.startsWith('rename to ')) { file.status = 'renamed'; file.newPath = line.slice(10); continue; }
    if (line.startsWith('copy from ') || line.startsWith('copy to ')) { file.status = 'added'; continue; }
    if (line.startsWith('Binary files ') || line === 'GIT binary patch') { file.binary = true; continue; }
    if (/^(index |similarity index |dissimilarity index )/.test(line)) continue;
    if (file.binary && /^(literal|delta) \d+$|^[A-Za-z]/.test(line)) continue; // base85 payload
    if (line.trim() === '') continue;
    problems.push(`line ${i + 1}: not part of a unified diff: ${JSON.stringify(line.slice(0, 80))}`);
  }
  if (hunk && (oldLeft > 0 || newLeft > 0)) problems.push(`the last hunk is truncated (${oldLeft} old and ${newLeft} new lines missing)`);
  return { files, problems };
}

/** The path a file has after the change (before it, for a deletion). */
export function pathOf(f: DiffFile): string {
  return (f.newPath ?? f.oldPath ?? '') as string;
}

/** The added lines of a hunk, joined: what "the hunk's text" means when matching a quote. */
export function addedText(h: DiffHunk): string {
  return h.lines.filter((l) => l.kind === '+').map((l) => l.text).join('\n');
}

/** `a/x b/y` (possibly quoted, as git does for unusual names) into the two paths without prefixes. */
function splitGitPaths(rest: string): [string | undefined, string | undefined] | undefined {
  const quoted = /^"((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)"$/.exec(rest);
  if (quoted) return [stripPrefix(unquote(quoted[1])), stripPrefix(unquote(quoted[2]))];
  // Unquoted: both halves are the same length when the path did not change.
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest[half] === ' ') {
    const a = rest.slice(0, half);
    const b = rest.slice(half + 1);
    if (a.slice(2) === b.slice(2)) return [stripPrefix(a), stripPrefix(b)];
  }
  const m = /^(a\/\S+) (b\/\S+)$/.exec(rest);
  return m ? [stripPrefix(m[1]), stripPrefix(m[2])] : undefined;
}

/** Drops git's a/ or b/ prefix and a trailing tab+timestamp; /dev/null is "no file". */
function stripPrefix(path: string): string | undefined {
  let p = path.split('\t')[0];
  if (p.startsWith('"') && p.endsWith('"')) p = unquote(p.slice(1, -1));
  if (p === '/dev/null') return undefined;
  return p.startsWith('a/') || p.startsWith('b/') ? p.slice(2) : p;
}

function unquote(s: string): string {
  return s.replace(/\\([0-7]{3}|.)/g, (_m, c: string) => {
    if (/^[0-7]{3}$/.test(c)) return String.fromCharCode(parseInt(c, 8));
    return ({ n: '\n', t: '\t', '"': '"', '\\': '\\' } as Record<string, string>)[c] ?? c;
  });
}
