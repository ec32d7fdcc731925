import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { YamlSource } from '../config/yaml-source.ts';
import { validateWithSchema } from '../config/validate-with-schema.ts';
import { ConfigError } from '../util/errors.ts';
import { IssueList, readOneDocument, UNKNOWN_KEY_HINT } from './load-config-file.ts';
import { stackOverlaySchema } from './stack-schema.ts';

/** A stack file with every base it extends laid under it. */
export interface StackLayers {
  /** The file's own YAML, its value replaced by the merged spec (issues are located in this file). */
  source: YamlSource;
  /** The files it extends, base first. */
  bases: string[];
  /** The level of the nearest base, to check a stack does not step down. */
  baseLevel?: string;
}

/**
 * Reads a stack file; when its spec `extends` another, reads that one first (recursively) and
 * lays this file's spec over it: mappings merge key by key, lists and scalars replace. Paths in
 * every layer (manifests, alert rules) are made absolute against the file that wrote them. Each
 * overlay is checked on its own (so its problems point into it); the merged whole is checked by
 * the caller.
 */
export async function readStackLayers(file: string, chain: readonly string[] = []): Promise<StackLayers> {
  const source = await readOneDocument(file);
  const raw = absolutizePaths(source.value, dirname(file));
  const spec = isMap(raw) && isMap(raw.spec) ? raw.spec : undefined;
  if (!spec || typeof spec.extends !== 'string') return { source: { ...source, value: raw }, bases: [] };

  const overlay = validateWithSchema(source, stackOverlaySchema, { unknownKeyHint: UNKNOWN_KEY_HINT });
  if (overlay.issues.length) throw new ConfigError(overlay.issues, 'see scenarios/schema/ for the file format');
  const baseFile = resolve(dirname(file), spec.extends);
  if (baseFile === file || chain.includes(baseFile)) {
    throw new ConfigError([{ file, path: 'spec.extends', message: `stacks extend each other in a cycle: ${[...chain, file, baseFile].join(' -> ')}` }]);
  }
  if (!(await isFile(baseFile))) {
    // Located in the extending file: that is where the wrong name is written.
    const issues = new IssueList(source);
    issues.addAt(['spec', 'extends'], `no such stack file: ${baseFile}`, 'a path relative to this file, e.g. l1.yaml; `firedrill list` shows the built-in stacks');
    issues.throwIfAny();
  }
  const base = await readStackLayers(baseFile, [...chain, file]);
  const { extends: _ignored, ...ownSpec } = spec;
  const baseValue = base.source.value as Record<string, unknown>;
  const merged = { ...(raw as Record<string, unknown>), spec: mergeLayer(baseValue.spec, ownSpec) };
  const baseSpec = baseValue.spec as Record<string, unknown> | undefined;
  return { source: { ...source, value: merged }, bases: [...base.bases, baseFile], baseLevel: typeof baseSpec?.level === 'string' ? baseSpec.level : undefined };
}

/** Mappings merge recursively; anything else in the overlay replaces the base's value. */
function mergeLayer(base: unknown, overlay: unknown): unknown {
  if (!isMap(base) || !isMap(overlay)) return overlay === undefined ? base : overlay;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(overlay)) out[k] = mergeLayer(base[k], v);
  return out;
}

/** Relative file references in a stack, resolved against its own folder (copy; the input is untouched). */
function absolutizePaths(value: unknown, dir: string): unknown {
  if (!isMap(value) || !isMap(value.spec)) return value;
  const spec = { ...value.spec };
  const abs = (p: unknown): unknown => (typeof p === 'string' && !isAbsolute(p) ? resolve(dir, p) : p);
  if (isMap(spec.rollout) && Array.isArray(spec.rollout.manifests)) spec.rollout = { ...spec.rollout, manifests: spec.rollout.manifests.map(abs) };
  if (isMap(spec.pager) && typeof spec.pager.alertRules === 'string') spec.pager = { ...spec.pager, alertRules: abs(spec.pager.alertRules) };
  return { ...value, spec };
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((st) => st.isFile(), () => false);
}
