import { describeGoToolBuild, findGoTool, readGoToolPins } from '../../../util/go-tools.ts';

/** The k8sgpt binary: its pinned build in the tools cache, else `k8sgpt` on PATH, else undefined. */
export function findK8sGpt(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return findGoTool('k8sgpt', { env })?.path;
}

/** `K8sGPT v0.4.36` and the command that builds it, from go-tools.pins (for messages and skip reasons). */
export function describeK8sGptPin(): { version: string; build: string } {
  const pin = readGoToolPins().find((p) => p.name === 'k8sgpt');
  if (!pin) throw new Error('k8sgpt is not pinned in clusters/tools/go-tools.pins');
  return { version: pin.version, build: describeGoToolBuild(pin) };
}
