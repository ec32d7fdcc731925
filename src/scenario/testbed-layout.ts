import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * What a scenario may refer to in a testbed template: its services (folders under services/)
 * and its files. Read without running any of its code.
 */
export interface TestbedLayout {
  dir: string;
  services: string[];
  entry: string;
  files: Set<string>;
}

export async function readTestbedLayout(dir: string): Promise<TestbedLayout | undefined> {
  let entries;
  try {
    entries = await readdir(join(dir, 'services'), { withFileTypes: true });
  } catch {
    return undefined;
  }
  const services = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const files = new Set<string>();
  await collectFiles(dir, '', files);
  let entry = services.includes('frontend') ? 'frontend' : services[0];
  try {
    const manifest = JSON.parse(await readFile(join(dir, 'testbed.json'), 'utf8')) as { entry?: string };
    if (manifest.entry) entry = manifest.entry;
  } catch {
    // testbed.json is optional; the entry defaults to `frontend`.
  }
  return { dir, services, entry, files };
}

async function collectFiles(root: string, rel: string, out: Set<string>): Promise<void> {
  for (const e of await readdir(join(root, rel), { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === '.git') continue;
    const path = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) await collectFiles(root, path, out);
    else out.add(path);
  }
}
