import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InfraError } from '../../../src/util/errors.ts';
import { findGoTool, readGoToolPins, resolveGoToolsDir } from '../../../src/util/go-tools.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'firedrill-go-tools-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pins = join(dir, 'pins');
writeFileSync(pins, [
  '# name module version package binary tags ldflags',
  '',
  'demo  example.com/demo  v0.301.2  ./cmd/demo  demo  a,b  -X example.com/v.Version=3.1.2 -s',
  'demo  example.com/demo  v0.301.2  ./cmd/democtl  democtl',
  'shell  example.com/sh  v1.0.0  ./cmd/sh  sh  -',
].join('\n'));

describe('pinned Go tools', () => {
  it('reads pins: comments skipped, tags split, ldflags the rest of the line', () => {
    const read = readGoToolPins(pins);
    expect(read.map((p) => `${p.name}/${p.binary}@${p.version}`)).toEqual(['demo/demo@v0.301.2', 'demo/democtl@v0.301.2', 'shell/sh@v1.0.0']);
    expect(read[0]).toMatchObject({ module: 'example.com/demo', pkg: './cmd/demo', tags: ['a', 'b'], ldflags: '-X example.com/v.Version=3.1.2 -s' });
    expect(read[1].tags).toEqual([]);
  });

  it('pins Prometheus 3.x (module versions v0.3XY.Z) with prometheus and promtool', () => {
    const real = readGoToolPins().filter((p) => p.name === 'prometheus');
    expect(real.map((p) => p.binary).sort()).toEqual(['prometheus', 'promtool']);
    for (const p of real) expect(p.version).toMatch(/^v0\.3\d\d\.\d+$/);
  });

  it('finds the cached build first, then PATH, and refuses a binary that is not pinned', () => {
    const env = { FIREDRILL_TOOLS_DIR: join(dir, 'tools') };
    expect(resolveGoToolsDir(env)).toBe(join(dir, 'tools'));
    expect(findGoTool('demo', { env, pinsFile: pins })).toBeUndefined();
    mkdirSync(join(dir, 'tools', 'demo-v0.301.2'), { recursive: true });
    const bin = join(dir, 'tools', 'demo-v0.301.2', 'demo');
    writeFileSync(bin, '#!/bin/sh\n');
    expect(findGoTool('demo', { env, pinsFile: pins })).toBeUndefined();
    chmodSync(bin, 0o755);
    expect(findGoTool('demo', { env, pinsFile: pins })).toMatchObject({ path: bin, from: 'cache', pin: { name: 'demo' } });
    expect(findGoTool('sh', { env, pinsFile: pins })).toMatchObject({ from: 'PATH', path: expect.stringMatching(/\/sh$/) });
    expect(() => findGoTool('nope', { env, pinsFile: pins })).toThrow(/not pinned/);
  });

  it('says which pin line is incomplete', () => {
    const bad = join(dir, 'bad-pins');
    writeFileSync(bad, 'demo example.com/demo v1\n');
    expect(() => readGoToolPins(bad)).toThrow(InfraError);
  });

  it('gives k8s.io/kubernetes a wrapper whose staging replaces are the same release (v1.X.Y -> v0.X.Y)', () => {
    const kube = readGoToolPins().filter((p) => p.name === 'kubernetes');
    expect(kube.map((p) => p.binary)).toEqual(['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']);
    const staging = kube[0].version.replace(/^v1\./, 'v0.');
    const gomod = readFileSync(join(REPO_ROOT, 'clusters/tools/kubernetes/go.mod'), 'utf8');
    const replaces = [...gomod.matchAll(/^\s*(k8s\.io\/\S+) => (\S+) (\S+)$/gm)];
    expect(replaces.length).toBeGreaterThan(20);
    for (const [, from, to, version] of replaces) expect(`${from} => ${to} ${version}`).toBe(`${from} => ${from} ${staging}`);
    for (const p of kube) expect(p.ldflags).toContain(`gitVersion=${kube[0].version}`);
  });
});
