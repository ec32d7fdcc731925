/**
 * Entry of a router stand-in pod (`node dist/world/cluster/router/router-main.js`): follows its
 * VirtualService through the in-cluster API (its ServiceAccount may get virtualservices in its
 * namespace, nothing else) and routes until SIGTERM. A start that fails exits 1 with the reason.
 */
import { FiredrillError } from '../../../util/errors.ts';
import { connectKube } from '../kube/connect-kube.ts';
import { readRouterOptions } from './router-options.ts';
import { startRouterStandIn } from './start-router-stand-in.ts';

try {
  const options = readRouterOptions(process.env);
  // No kubeconfig in a pod: client-node's default falls back to the ServiceAccount's token.
  const api = await connectKube();
  const standIn = await startRouterStandIn(options, api, (line) => process.stdout.write(`${JSON.stringify({ t: new Date().toISOString(), msg: line })}\n`));
  process.once('SIGTERM', () => void standIn.stop().then(() => process.exit(0)));
} catch (err) {
  const hint = err instanceof FiredrillError && err.hint ? `\nhint: ${err.hint}` : '';
  process.stderr.write(`router stand-in: ${(err as Error).message}${hint}\n`);
  process.exit(1);
}
