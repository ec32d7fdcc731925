import { fileURLToPath } from 'node:url';
import { resolveTsxLoader } from './tsx-loader.ts';

/**
 * How to start a service process the way this harness itself runs: compiled (dist/, plain JS,
 * no loader: a faster start and no TypeScript transform per process) or from the sources under
 * tsx (development and the tests).
 */
export function resolveServiceEntry(): { entry: string; execArgv: string[]; manualStart: string } {
  const compiled = import.meta.url.endsWith('.js');
  const entry = fileURLToPath(new URL(`../../testbed/process/service-main.${compiled ? 'js' : 'ts'}`, import.meta.url));
  return compiled
    ? { entry, execArgv: [], manualStart: `node ${entry}` }
    : { entry, execArgv: ['--import', resolveTsxLoader()], manualStart: `node --import tsx ${entry}` };
}
