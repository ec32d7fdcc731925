#!/usr/bin/env -S node --max-semi-space-size=64
// The flag: a drill allocates short-lived objects per simulated request; with V8's default 16 MB
// semi-space they are scavenged several times a second of wall time and a drill spends ~20% of its
// CPU copying them (maturity suite in one thread: 80.6 -> 67.4 s wall). Suite workers get the same
// young generation through resourceLimits (src/suite/run-pool.ts). Benches spawn the bin with the
// flags of this line (test/helpers/paths.ts).
// The `firedrill` bin. Runs the compiled CLI from dist/: plain JS starts in a fraction of the time
// tsx takes to transform the sources at every start. A checkout whose dist/ is missing or older than
// src/ (sources edited since `npm run build`) runs the sources under tsx instead and says so, so a
// stale build never runs silently.
import { fileURLToPath } from 'node:url';
import { findStaleReason } from './dist-state.js';

const reason = findStaleReason(fileURLToPath(new URL('..', import.meta.url)));
if (reason === undefined) {
  await import('../dist/cli/main.js');
} else {
  process.stderr.write(`firedrill: ${reason}; running the TypeScript sources with tsx (slower start; \`npm run build\` makes the fast build)\n`);
  await import('../src/cli/firedrill.js');
}
