#!/usr/bin/env node
// The `firedrill` bin. Runs the compiled CLI from dist/: plain JS starts in a fraction of the time
// tsx takes to transform the sources at every start. A checkout whose dist/ is missing or older than
// src/ (sources edited since `npm run build`) runs the sources under tsx instead and says so, so a
// stale build never runs silently.
import { fileURLToPath } from 'node:url';
import { findStaleReason } from './dist-state.js';
import { relaunchWithYoungGeneration } from './young-generation.js';

if (!relaunchWithYoungGeneration()) {
  const reason = findStaleReason(fileURLToPath(new URL('..', import.meta.url)));
  if (reason === undefined) {
    await import('../dist/cli/main.js');
  } else {
    process.stderr.write(`firedrill: ${reason}; running the TypeScript sources with tsx (slower start; \`npm run build\` makes the fast build)\n`);
    await import('../src/cli/firedrill.js');
  }
}
