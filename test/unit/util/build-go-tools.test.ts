import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findExecutable } from '../../../src/util/find-executable.ts';
import { readGoToolPins } from '../../../src/util/go-tools.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

// The build script's contract without building anything (a real build takes minutes: .ci/run
// does it): unknown names are refused, and a cached tool makes a run a no-op.
const SCRIPT = resolve(REPO_ROOT, 'clusters/tools/build-go-tools.sh');
const dir = mkdtempSync(join(tmpdir(), 'firedrill-go-tools-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runScript(args: string[], env: NodeJS.ProcessEnv = {}): { code: number; out: string } {
  const res = spawnSync('bash', [SCRIPT, ...args], { encoding: 'utf8', env: { ...process.env, FIREDRILL_TOOLS_DIR: dir, ...env }, timeout: 30_000 });
  return { code: res.status ?? -1, out: `${res.stdout}${res.stderr}` };
}

describe('clusters/tools/build-go-tools.sh', () => {
  if (!findExecutable('go')) {
    it.skip('skipped: no Go toolchain on PATH', () => {});
    return;
  }

  it('refuses a name that is not pinned, naming the pinned ones', () => {
    const r = runScript(['no-such-tool']);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/no pin named "no-such-tool".*pinned: .*prometheus/);
  });

  it('does nothing for a tool already cached under its name and version, and says so', () => {
    const pin = readGoToolPins().find((p) => p.name === 'prometheus')!;
    const cached = join(dir, `prometheus-${pin.version}`);
    mkdirSync(cached, { recursive: true });
    writeFileSync(join(cached, 'build-info.txt'), 'built prometheus promtool in 250s (test fixture)\n');
    const r = runScript(['prometheus']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`prometheus ${pin.version}: cached in ${cached} (built prometheus promtool in 250s (test fixture))\n`);
    expect(readdirSync(dir)).toEqual([`prometheus-${pin.version}`]);
  });

  it('builds all binaries of a name in one go build (-trimpath, -s -w), and skips a module that fails with its error recorded', () => {
    // A stand-in `go` that logs each build and fails kwok's: the script's logic without minutes of compiling.
    const fake = mkdtempSync(join(tmpdir(), 'firedrill-fake-go-'));
    const tools = join(fake, 'tools');
    const log = join(fake, 'builds.log');
    writeFileSync(join(fake, 'go'), [
      '#!/usr/bin/env bash',
      'case "$1" in',
      '  env) echo go1.99.0 ;;',
      '  mod) [ "$2" = init ] && printf "module %s\\n" "$3" > go.mod; exit 0 ;;',
      '  build)',
      `    echo "$*" >> '${log}'`,
      '    case "$*" in *sigs.k8s.io/kwok*) echo "cmd/kwok: undefined: somethingNew" >&2; exit 1 ;; esac',
      '    out=""; prev=""; for a in "$@"; do [ "$prev" = -o ] && out="$a"; prev="$a"; done',
      '    for a in "$@"; do case "$a" in k8s.io/*|go.etcd.io/*|.) n="${a##*/}"; [ "$a" = . ] && n=etcd; touch "$out/$n"; chmod +x "$out/$n" ;; esac; done ;;',
      'esac',
    ].join('\n'));
    chmodSync(join(fake, 'go'), 0o755);
    try {
      const r = runScript(['etcd', 'kwok', 'kubernetes'], { PATH: `${fake}:${process.env.PATH}`, FIREDRILL_TOOLS_DIR: tools });
      expect(r.code, r.out).toBe(3);
      const builds = readFileSync(log, 'utf8').trim().split('\n');
      expect(builds).toHaveLength(3);
      const kube = builds.find((b) => b.includes('k8s.io/kubernetes'))!;
      expect(kube).toMatch(/^build -trimpath -tags {2}-ldflags -s -w -X k8s\.io\/component-base\/version\.gitVersion=v1\.34\.\d+ .* -o \S+\/ k8s\.io\/kubernetes\/cmd\/kube-apiserver k8s\.io\/kubernetes\/cmd\/kube-controller-manager k8s\.io\/kubernetes\/cmd\/kube-scheduler$/);
      const pins = readGoToolPins();
      const version = (name: string): string => pins.find((p) => p.name === name)!.version;
      expect(readdirSync(join(tools, `kubernetes-${version('kubernetes')}`)).sort()).toEqual(['build-info.txt', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']);
      expect(existsSync(join(tools, `etcd-${version('etcd')}`, 'etcd'))).toBe(true);
      expect(existsSync(join(tools, `kwok-${version('kwok')}`))).toBe(false);
      expect(readFileSync(join(tools, `kwok-${version('kwok')}.failed`), 'utf8')).toMatch(/module sigs\.k8s\.io\/kwok v0\.\d+\.\d+.*\n(.*\n)*cmd\/kwok: undefined: somethingNew/);
      expect(r.out).toMatch(/FAILED kwok .* kwok skipped/);
      expect(r.out).toMatch(/not built: kwok/);
    } finally {
      rmSync(fake, { recursive: true, force: true });
    }
  });
});
