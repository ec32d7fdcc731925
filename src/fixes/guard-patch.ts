import { parseUnifiedDiff, pathOf, type DiffFile } from '../util/unified-diff.ts';

/** Why a proposal was refused before anything touched disk. */
export interface PatchRejection {
  kind: 'unparseable' | 'too-large' | 'path-outside-repo' | 'symlink' | 'binary' | 'mode-change' | 'forbidden-path' | 'deletes-tests' | 'empty';
  file?: string;
  message: string;
}

export interface PatchGuardOptions {
  /** Largest patch accepted, in bytes. */
  maxBytes?: number;
  /** Paths a fix may never touch (globs: `*` within a segment, `**` across segments). */
  forbidden?: readonly string[];
}

/** CI config and the remediation policy: a fix that edits them changes the rules it is judged by. */
export const DEFAULT_FORBIDDEN_PATHS = ['.github/**', '.gitlab-ci.yml', '.circleci/**', 'Jenkinsfile', 'policy/**'];
export const DEFAULT_MAX_PATCH_BYTES = 1024 * 1024;

const TEST_FILE = /(^|\/)(test|tests|__tests__)\/|\.(test|spec)\.[cm]?[jt]s$/;
/** A test case declaration (node:test, mocha, jest, vitest), not commented out. */
const TEST_CASE = /^\s*(test|it|describe)(\.\w+)?\s*\(/;

/**
 * Reads a proposed patch as data and refuses it, with every reason, when it could hurt the
 * machine or the drill: paths outside the repository (`..`, absolute, `.git/`), symlinks,
 * binary content, mode changes, a patch over the size cap, forbidden paths (CI config, the
 * policy), deleted tests. Runs before `git apply --check`, so a hostile patch never reaches disk.
 */
export function guardPatch(patch: string, opts: PatchGuardOptions = {}): PatchRejection[] {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_PATCH_BYTES;
  const bytes = Buffer.byteLength(patch);
  if (bytes > maxBytes) return [{ kind: 'too-large', message: `the patch is ${bytes} bytes, over the ${maxBytes}-byte cap` }];
  const { files, problems } = parseUnifiedDiff(patch);
  const out: PatchRejection[] = problems.map((p) => ({ kind: 'unparseable' as const, message: `not a well-formed unified diff: ${p}` }));
  if (files.length === 0 && out.length === 0) out.push({ kind: 'empty', message: 'the patch changes no file' });
  const forbidden = (opts.forbidden ?? DEFAULT_FORBIDDEN_PATHS).map(globToRegExp);
  for (const f of files) out.push(...checkFile(f, forbidden));
  return out;
}

function checkFile(f: DiffFile, forbidden: RegExp[]): PatchRejection[] {
  const out: PatchRejection[] = [];
  const file = pathOf(f);
  for (const p of [f.oldPath, f.newPath]) {
    if (p === undefined) continue;
    if (p === '' || p.startsWith('/') || /^[A-Za-z]:/.test(p) || p.includes('\\') || p.split('/').some((s) => s === '..' || s === '.git')) {
      out.push({ kind: 'path-outside-repo', file: p, message: `${JSON.stringify(p)} is not a path inside the repository` });
    }
  }
  if (f.newMode === '120000' || f.oldMode === '120000') out.push({ kind: 'symlink', file, message: `${file}: symbolic links are not accepted` });
  if (f.binary) out.push({ kind: 'binary', file, message: `${file}: binary patches are not accepted` });
  if (f.oldMode && f.newMode && f.oldMode !== f.newMode) out.push({ kind: 'mode-change', file, message: `${file}: file mode change ${f.oldMode} -> ${f.newMode}` });
  if (f.status === 'added' && f.newMode && f.newMode !== '100644' && f.newMode !== '120000') out.push({ kind: 'mode-change', file, message: `${file}: new file with mode ${f.newMode}` });
  for (const p of [f.oldPath, f.newPath]) {
    if (p !== undefined && forbidden.some((re) => re.test(p))) {
      out.push({ kind: 'forbidden-path', file: p, message: `${p} is a protected path (CI config, policy) a fix may not touch` });
      break;
    }
  }
  if (f.status === 'deleted' && f.oldPath && TEST_FILE.test(f.oldPath)) out.push({ kind: 'deletes-tests', file: f.oldPath, message: `${f.oldPath}: a fix may not delete tests` });
  else if (f.oldPath && TEST_FILE.test(f.oldPath)) {
    // Emptying a test file, or commenting its cases out, deletes tests as surely as rm.
    const count = (kind: '+' | '-'): number => f.hunks.flatMap((h) => h.lines).filter((l) => l.kind === kind && TEST_CASE.test(l.text)).length;
    const removed = count('-') - count('+');
    if (removed > 0) out.push({ kind: 'deletes-tests', file: f.oldPath, message: `${f.oldPath}: removes ${removed} test case(s)` });
  }
  return out;
}

/** `a/**` matches everything under a/, `*` anything within one segment. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
