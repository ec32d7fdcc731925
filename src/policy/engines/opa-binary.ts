import { join } from 'node:path';
import { InfraError, type ConfigIssue } from '../../util/errors.ts';
import { findExecutable, isExecutable } from '../../util/find-executable.ts';
import { resolveGoToolsDir } from '../../util/go-tools.ts';

/**
 * Where the real `opa` binary is: $FIREDRILL_OPA, else the project's tool cache
 * (${FIREDRILL_TOOLS_DIR:-~/.cache/firedrill/tools}/opa-<version>/opa, built from the pinned Go
 * module), else `opa` on PATH. A stack that names OPA fails validation when none is found, with
 * the command that builds it.
 */
export const OPA_MODULE = 'github.com/open-policy-agent/opa';
export const OPA_VERSION = 'v1.22.4';

export interface OpaBinary {
  path: string;
  source: 'FIREDRILL_OPA' | 'tool cache' | 'PATH';
}

type Env = Record<string, string | undefined>;

/** The project's tool cache (the same for every pinned tool). */
export function toolsDir(env: Env = process.env): string {
  return resolveGoToolsDir(env as NodeJS.ProcessEnv);
}

export function cachedOpaPath(env: Env = process.env): string {
  return join(toolsDir(env), `opa-${OPA_VERSION}`, 'opa');
}

/** The binary, or why there is none (a FIREDRILL_OPA that is not executable is an error, not a fallthrough). */
export function findOpaBinary(env: Env = process.env): OpaBinary | { problem: string } {
  if (env.FIREDRILL_OPA) {
    return isExecutable(env.FIREDRILL_OPA) ? { path: env.FIREDRILL_OPA, source: 'FIREDRILL_OPA' } : { problem: `FIREDRILL_OPA=${env.FIREDRILL_OPA} is not an executable file` };
  }
  const cached = cachedOpaPath(env);
  if (isExecutable(cached)) return { path: cached, source: 'tool cache' };
  const onPath = findExecutable('opa');
  if (onPath) return { path: onPath, source: 'PATH' };
  return { problem: `opa was not found (FIREDRILL_OPA is unset, ${cached} does not exist, no opa on PATH)` };
}

/** How to get opa, for hints: the pinned Go module built into the cache, or a path. */
export function describeOpaBuild(env: Env = process.env): string {
  const dir = join(toolsDir(env), `opa-${OPA_VERSION}`);
  return `build it from its Go module: bash clusters/tools/build-go-tools.sh opa (${OPA_MODULE}@${OPA_VERSION}, about 4 minutes cold on 2 cores, cached in ${dir}), or set FIREDRILL_OPA to an opa binary`;
}

/** For stack validation: an issue at `yamlPath` when the stack names OPA and there is none. */
export function checkOpaAvailable(yamlPath: string, env: Env = process.env): ConfigIssue | undefined {
  const found = findOpaBinary(env);
  if ('path' in found) return undefined;
  return { path: yamlPath, message: `the stack's policy engine is OPA, but ${found.problem}`, hint: describeOpaBuild(env) };
}

/** The binary's path, or an InfraError (exit 3) that says how to get one. */
export function requireOpaBinary(env: Env = process.env): string {
  const found = findOpaBinary(env);
  if ('path' in found) return found.path;
  throw new InfraError(found.problem, { hint: describeOpaBuild(env) });
}
