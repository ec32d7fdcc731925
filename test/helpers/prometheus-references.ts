import { spawnSync } from 'node:child_process';
import { describeGoToolBuild, findGoTool, readGoToolPins } from '../../src/util/go-tools.ts';
import { findExecutable } from '../../src/util/find-executable.ts';

/**
 * The real Prometheus servers the embedded engine is checked against: Debian's 2.42 on PATH
 * (`apt-get install prometheus`; .ci/run installs it) and the pinned 3.x built from its Go module
 * (clusters/tools/build-go-tools.sh; .ci/run builds it). A missing one is a reason to skip.
 */
export interface PrometheusReference {
  /** e.g. "Prometheus 3.16.0 (pinned build)". */
  label: string;
  prometheus: string;
  promtool: string;
  version: string;
  major: number;
}

export type FoundReference = { ok: true; ref: PrometheusReference } | { ok: false; reason: string };

/** prometheus and promtool on PATH, whatever their version (Debian's is 2.42). */
export function findPathPrometheus(): FoundReference {
  const prometheus = findExecutable('prometheus');
  const promtool = findExecutable('promtool');
  if (!prometheus || !promtool) return { ok: false, reason: 'prometheus/promtool are not on PATH (apt-get install -y --no-install-recommends prometheus)' };
  return describe(prometheus, promtool, 'on PATH');
}

/** The pinned 3.x build (the tools cache, else PATH when what is there is 3.x). */
export function findPinnedPrometheus(): FoundReference {
  const prometheus = findGoTool('prometheus');
  const promtool = findGoTool('promtool');
  const build = describeGoToolBuild(readGoToolPins().find((p) => p.binary === 'prometheus')!);
  if (!prometheus || !promtool) return { ok: false, reason: `Prometheus 3.x is not built: ${build}` };
  const found = describe(prometheus.path, promtool.path, prometheus.from === 'cache' ? 'pinned build' : 'on PATH');
  if (found.ok && found.ref.major < 3) return { ok: false, reason: `only Prometheus ${found.ref.version} on PATH, and no 3.x build: ${build}` };
  return found;
}

function describe(prometheus: string, promtool: string, where: string): FoundReference {
  const res = spawnSync(promtool, ['--version'], { encoding: 'utf8' });
  const version = /version (\d+\.\d+\.\d+\S*)/.exec(`${res.stdout}${res.stderr}`)?.[1];
  if (res.status !== 0 || !version) return { ok: false, reason: `${promtool} --version failed: ${res.stderr || res.error?.message}` };
  return { ok: true, ref: { label: `Prometheus ${version} (${where})`, prometheus, promtool, version, major: Number(version.split('.')[0]) } };
}
