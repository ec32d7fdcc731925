import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under `dir` by its path relative to it, with its bytes. */
export function readFolderFiles(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath ?? e.path, e.name);
    files.set(relative(dir, path), readFileSync(path));
  }
  return files;
}

/**
 * The files two folders do not share byte for byte (missing on one side, or different), among
 * those `include` selects: what "byte-identical results" is checked with.
 */
export function diffFolders(a: string, b: string, include: (file: string) => boolean = () => true): string[] {
  const [fa, fb] = [readFolderFiles(a), readFolderFiles(b)];
  const names = [...new Set([...fa.keys(), ...fb.keys()])].filter(include).sort();
  return names.filter((n) => !fa.has(n) || !fb.has(n) || !fa.get(n)!.equals(fb.get(n)!));
}
