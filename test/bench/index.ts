import { existsSync } from 'node:fs';
import { benchCliStart } from './cli-start.ts';
import { benchSimAgainstRef } from './sim-against-ref.ts';
import { benchSimSpeed } from './sim-speed.ts';
import { benchSuiteJobs } from './suite-jobs.ts';

/** `npm run bench`: every benchmark prints its own lines, ratios measured in this one run. */
await benchCliStart();
await benchSimSpeed();
await benchSimAgainstRef();
await benchSuiteJobs();
for (const extra of ['./promql.ts', './local.ts', './nightly.ts']) {
  if (!existsSync(new URL(extra, import.meta.url))) continue;
  const mod = (await import(extra)) as Record<string, () => Promise<void>>;
  for (const [name, fn] of Object.entries(mod)) if (name.startsWith('bench') && typeof fn === 'function') await fn();
}
