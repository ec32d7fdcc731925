import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UserInputError } from '../util/errors.ts';
import type { RouteHandler, ServiceConfig } from './sdk.ts';

/** One service at one revision: its routes ("POST /charge" -> handler) and its config. */
export interface ServiceCode {
  name: string;
  routes: Map<string, RouteHandler>;
  config: ServiceConfig;
}

/** Loads services/<name>/handler.js and config.json from a checkout of the testbed repo. */
export async function loadServiceCode(repoDir: string, name: string): Promise<ServiceCode> {
  const dir = join(repoDir, 'services', name);
  const config = await readConfig(join(dir, 'config.json'));
  let mod: { routes?: Record<string, RouteHandler> };
  try {
    mod = (await import(pathToFileURL(join(dir, 'handler.js')).href)) as typeof mod;
  } catch (err) {
    throw new UserInputError(`service ${name}: handler.js does not load: ${(err as Error).message}`, {
      hint: `check ${join(dir, 'handler.js')} (a scenario change may have broken its syntax)`,
      cause: err,
    });
  }
  if (!mod.routes || typeof mod.routes !== 'object') {
    throw new UserInputError(`service ${name}: handler.js exports no \`routes\` object`, {
      hint: "export const routes = { 'GET /path': async (ctx, req) => ({ status: 200 }) }",
    });
  }
  return { name, routes: new Map(Object.entries(mod.routes)), config };
}

/**
 * The deployed service's new code, or undefined when it does not load: that is a revision whose
 * pods crash on start (the world models the crash loop), not a reason to refuse the run.
 */
export async function loadNewServiceCode(repoDir: string, name: string): Promise<ServiceCode | undefined> {
  try {
    return await loadServiceCode(repoDir, name);
  } catch (err) {
    if (err instanceof UserInputError) return undefined;
    throw err;
  }
}

async function readConfig(file: string): Promise<ServiceConfig> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new UserInputError(`${file}: ${(err as Error).message}`, { hint: 'config.json must be valid JSON', cause: err });
  }
  const cfg = raw as Partial<ServiceConfig>;
  const rt = cfg.runtime;
  if (!rt || !(rt.replicas > 0) || !(rt.concurrencyPerReplica > 0) || !(rt.queueLimit >= 0)) {
    throw new UserInputError(`${file}: runtime.replicas, runtime.concurrencyPerReplica and runtime.queueLimit are required numbers`, {
      hint: '"runtime": { "replicas": 2, "concurrencyPerReplica": 16, "queueLimit": 128 }',
    });
  }
  return { dependencies: {}, flags: {}, ...cfg } as ServiceConfig;
}
