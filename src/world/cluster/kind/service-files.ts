import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServiceFile } from '../manifests/kind-objects.ts';

/**
 * A service's files in a checkout of the testbed repo (services/<name>/), as its pods mount them:
 * the handler, its config and the modules it imports; its tests stay out (pods do not run them).
 */
export async function readServiceFiles(repoDir: string, service: string): Promise<ServiceFile[]> {
  const dir = join(repoDir, 'services', service);
  const names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && !/\.test\.[cm]?js$/.test(e.name)).map((e) => e.name).sort();
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(join(dir, name), 'utf8') })));
}
