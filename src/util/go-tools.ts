import { accessSync, constants, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InfraError } from './errors.ts';
import { findExecutable } from './find-executable.ts';

/**
 * The Go tools pinned in clusters/tools/go-tools.pins and built by
 * clusters/tools/build-go-tools.sh into ${FIREDRILL_TOOLS_DIR:-~/.cache/firedrill/tools}/<name>-<version>/.
 * The pins file sits at the same depth from src/util and dist/util, so both find it.
 */
export const GO_TOOL_PINS = fileURLToPath(new URL('../../clusters/tools/go-tools.pins', import.meta.url));
export const GO_TOOLS_SCRIPT = 'clusters/tools/build-go-tools.sh';

export interface GoToolPin {
  /** What the build script takes; every binary of a name is built and cached together. */
  name: string;
  module: string;
  version: string;
  /** Package path inside the module, e.g. ./cmd/prometheus. */
  pkg: string;
  binary: string;
  tags: string[];
  ldflags: string;
}

export interface FoundGoTool {
  path: string;
  /** `cache`: the pinned build; `PATH`: whatever version is installed (callers that need the pin check). */
  from: 'cache' | 'PATH';
  pin: GoToolPin;
}

export function readGoToolPins(file = GO_TOOL_PINS): GoToolPin[] {
  const pins: GoToolPin[] = [];
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [name, module, version, pkg, binary, tags = '-', ...ldflags] = line.split(/\s+/);
    if (!binary) throw new InfraError(`${file}: a pin needs name, module, version, package and binary: ${line}`, { hint: 'see the format at the top of the file' });
    pins.push({ name, module, version, pkg, binary, tags: tags === '-' ? [] : tags.split(','), ldflags: ldflags.join(' ') });
  }
  return pins;
}

export function resolveGoToolsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.FIREDRILL_TOOLS_DIR || join(homedir(), '.cache', 'firedrill', 'tools');
}

/** Where the build script caches a pinned binary (whether or not it is built). */
export function resolveCachedGoTool(pin: GoToolPin, env: NodeJS.ProcessEnv = process.env): string {
  return join(resolveGoToolsDir(env), `${pin.name}-${pin.version}`, pin.binary);
}

/**
 * A pinned binary: its cached build first, else the same name on PATH, else undefined.
 * Throws when `binary` is not pinned (a typo must not look like "not installed").
 */
export function findGoTool(binary: string, opts: { env?: NodeJS.ProcessEnv; pinsFile?: string } = {}): FoundGoTool | undefined {
  const pin = readGoToolPins(opts.pinsFile).find((p) => p.binary === binary);
  if (!pin) throw new Error(`${binary} is not pinned in ${opts.pinsFile ?? GO_TOOL_PINS}`);
  const cached = resolveCachedGoTool(pin, opts.env);
  try {
    accessSync(cached, constants.X_OK);
    return { path: cached, from: 'cache', pin };
  } catch {
    const onPath = findExecutable(binary);
    return onPath ? { path: onPath, from: 'PATH', pin } : undefined;
  }
}

/** The command that builds a pinned tool, for skip reasons and hints. */
export function describeGoToolBuild(pin: GoToolPin): string {
  return `${GO_TOOLS_SCRIPT} ${pin.name} (${pin.module}@${pin.version}, needs Go and the module proxy)`;
}
