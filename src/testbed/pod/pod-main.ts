/**
 * Entry of a testbed pod (the image's command for every Rollout: `node dist/testbed/pod/pod-main.js`).
 * Serves one service from the commit its pod names until SIGTERM (the kubelet's stop), then
 * closes. A start that fails (a missing variable, a handler that does not load) exits 1 with the
 * reason on stderr, which `kubectl logs --previous` shows for the crash loop.
 */
import { FiredrillError } from '../../util/errors.ts';
import { readPodOptions } from './pod-options.ts';
import { startPodService } from './run-pod-service.ts';

try {
  const pod = await startPodService(readPodOptions(process.env));
  process.once('SIGTERM', () => void pod.stop().then(() => process.exit(0)));
} catch (err) {
  const hint = err instanceof FiredrillError && err.hint ? `\nhint: ${err.hint}` : '';
  process.stderr.write(`testbed pod: ${(err as Error).message}${hint}\n`);
  process.exit(1);
}
