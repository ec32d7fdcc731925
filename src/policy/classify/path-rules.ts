import type { DiffFile } from '../../util/unified-diff.ts';
import { splitRevertBlocks, type DeployBlocks } from './revert-blocks.ts';
import type { Measured, PathRule } from './rule-types.ts';

/**
 * Rules on a file's path and header, before any content is read. Structural red flags come
 * first (a path that leaves the repository is never read at all); then the forbidden places,
 * by path, whatever the content. Both are final for the file: there is nothing to measure in
 * a change no policy may allow.
 */
const OUTSIDE = (p: string): boolean =>
  p === '' || p.startsWith('/') || /^[A-Za-z]:/.test(p) || p.includes('\\') || /[\u0000-\u001f]/.test(p) || p.split('/').some((s) => s === '..' || s === '.' || s === '') || /^\.git(\/|$)/i.test(p);

const PLAIN_MODES = new Set(['100644', '100755']);

function pathsOf(f: DiffFile): string[] {
  return [...new Set([f.oldPath, f.newPath].filter((p): p is string => p !== undefined))];
}

/** Every block of the file undoes a block of the deploy: the file goes back to the stable commit's text. */
function restoresDeployedFile(f: DiffFile, deploy: DeployBlocks): boolean {
  const { reverts, others } = splitRevertBlocks(f, deploy);
  return reverts.length > 0 && others.length === 0;
}

function byPath(id: string, cls: Measured['class'], patterns: RegExp[], matches: string, why: string, when: (f: DiffFile, deploy: DeployBlocks) => boolean = () => true): PathRule {
  return {
    id,
    kind: 'path',
    final: true,
    classes: [cls],
    matches,
    why,
    check: (f, _path, deploy) => {
      const hit = pathsOf(f).find((p) => patterns.some((re) => re.test(p)));
      return hit !== undefined && when(f, deploy) ? { class: cls, detail: `${f.status} ${hit}` } : undefined;
    },
  };
}

export const STRUCTURE_RULES: PathRule[] = [
  {
    id: 'path-outside-repo',
    kind: 'path',
    final: true,
    classes: ['path-outside-repo'],
    matches: 'a path that is absolute, has `..`, `.` or empty segments, a backslash or control character, or points into `.git/`',
    why: 'git apply would write outside the checkout (or into its hooks): the classic path-traversal patch',
    check: (f) => {
      const bad = [f.oldPath, f.newPath].find((p) => p !== undefined && OUTSIDE(p)) ?? (f.oldPath === undefined && f.newPath === undefined ? '' : undefined);
      return bad === undefined ? undefined : { class: 'path-outside-repo', detail: `path ${JSON.stringify(bad)}` };
    },
  },
  {
    id: 'symlink',
    kind: 'path',
    final: true,
    classes: ['symlink'],
    matches: 'file mode 120000 (a symbolic link) on either side',
    why: 'a link can point anywhere, and every later write through it lands there',
    check: (f) => (f.oldMode === '120000' || f.newMode === '120000' ? { class: 'symlink', detail: `mode ${f.oldMode ?? '-'} -> ${f.newMode ?? '-'}` } : undefined),
  },
  {
    id: 'binary',
    kind: 'path',
    final: true,
    classes: ['binary'],
    matches: '`Binary files ... differ` or `GIT binary patch`',
    why: 'nobody reviews bytes, and the classifier cannot read them',
    check: (f) => (f.binary ? { class: 'binary', detail: `binary ${f.status}` } : undefined),
  },
  {
    id: 'mode-change',
    kind: 'path',
    final: false,
    classes: ['mode-change'],
    matches: '`old mode`/`new mode` lines, a new executable file (100755), or any mode but a plain file\'s (a submodule, 160000)',
    why: 'a fix has no reason to make files executable or to pull in another repository; content is classified as well',
    check: (f) => {
      const changed = f.oldMode !== undefined && f.newMode !== undefined && f.oldMode !== f.newMode;
      const odd = [f.oldMode, f.newMode].some((m) => m !== undefined && !PLAIN_MODES.has(m));
      return changed || odd || (f.status === 'added' && f.newMode === '100755') ? { class: 'mode-change', detail: `mode ${f.oldMode ?? '-'} -> ${f.newMode ?? '-'}` } : undefined;
    },
  },
];

export const FORBIDDEN_PATH_RULES: PathRule[] = [
  byPath('path-policy', 'policy', [/^policy\//, /\.rego$/, /(^|\/)[\w.-]*(model\.conf|policy\.csv)$/],
    '`policy/**`, `*.rego`, Casbin `*model.conf` / `*policy.csv`', 'the rules that decide what may be applied: a fix may never change its own gate'),
  byPath('path-ci', 'ci-config', [/^\.github\//, /^\.gitlab-ci\.ya?ml$/, /^\.circleci\//, /(^|\/)Jenkinsfile$/, /^\.buildkite\//, /^azure-pipelines\.ya?ml$/, /^\.ci\//, /^\.husky\//],
    '`.github/**` (workflows, CODEOWNERS), `.gitlab-ci.yml`, `.circleci/`, `Jenkinsfile`, `.buildkite/`, `.ci/`, `.husky/`', 'what checks a change before merge; a fix that edits its own checks proves nothing'),
  byPath('path-tests', 'tests', [/\.(test|spec)\.[cm]?[jt]sx?$/, /(^|\/)(test|tests|__tests__)\//],
    'an existing test edited, renamed or deleted (`*.test.js`, `*.spec.*`, `test/`, `tests/`, `__tests__/`), unless every block undoes the deploy\'s own edit to it',
    'the repository\'s tests judge the fix; a new test file is code, and a test put back as it was before the deploy is part of a revert',
    (f, deploy) => f.status !== 'added' && !restoresDeployedFile(f, deploy)),
  byPath('path-secrets', 'secrets', [/(^|\/)[^/]*secret[^/]*$/i, /(^|\/)\.env(\.[\w-]+)?$/, /\.(pem|key|p12|pfx|jks)$/i, /(^|\/)id_(rsa|ecdsa|ed25519)(\.pub)?$/],
    'files named like credentials: `*secret*`, `.env*`, `*.pem`, `*.key`, SSH keys', 'credentials, by name, even when the content does not parse'),
  byPath('path-rbac', 'rbac', [/(^|\/)[^/]*rbac[^/]*$/i, /(^|\/)rbac\//i, /(^|\/)CODEOWNERS$/],
    'files named like access control: `*rbac*`, `rbac/`, `CODEOWNERS` anywhere', 'who may do or approve what, by name, even when the content does not parse'),
];
