import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Topology } from '../../agents/protocol/incident-bundle.ts';

/**
 * The service graph as the stable release configures it (each service's config.json:
 * replicas and the call options per dependency), from the entry service down.
 */
export async function readTopology(repoDir: string, services: readonly string[], entry: string): Promise<Topology> {
  const out: Topology['services'] = [];
  for (const name of services) {
    const cfg = JSON.parse(await readFile(join(repoDir, 'services', name, 'config.json'), 'utf8')) as {
      runtime?: { replicas?: number }; dependencies?: Record<string, { timeoutMs?: number; retries?: number; backoffMs?: number }>;
    };
    out.push({
      name,
      replicas: cfg.runtime?.replicas ?? 1,
      dependencies: Object.entries(cfg.dependencies ?? {}).map(([service, o]) => ({
        service,
        ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
        ...(o.retries !== undefined ? { retries: o.retries } : {}),
        ...(o.backoffMs !== undefined ? { backoffMs: o.backoffMs } : {}),
      })),
    });
  }
  return { entry, services: out };
}
