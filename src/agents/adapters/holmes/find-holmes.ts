import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findExecutable } from '../../../util/find-executable.ts';
import { resolveGoToolsDir } from '../../../util/go-tools.ts';

/** The HolmesGPT version clusters/tools/install-holmes.sh installs. */
export const HOLMES_VERSION = '0.45.0';

/** The holmes CLI: $FIREDRILL_HOLMES, the pinned install in the tools cache, else `holmes` on PATH. */
export function findHolmes(): string | undefined {
  if (process.env.FIREDRILL_HOLMES) return process.env.FIREDRILL_HOLMES;
  const tools = resolveGoToolsDir();
  const pinned = join(tools, `holmes-${HOLMES_VERSION}`, 'venv/bin/holmes');
  if (existsSync(pinned) && existsSync(join(tools, `holmes-${HOLMES_VERSION}`, 'install-info.txt'))) return pinned;
  return findExecutable('holmes');
}
