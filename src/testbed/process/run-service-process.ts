import type { Server } from 'node:http';
import { FiredrillError } from '../../util/errors.ts';
import type { ChildMessage, ParentMessage } from './messages.ts';
import { ServiceHost } from './service-host.ts';
import { createServiceServer } from './service-server.ts';

/** How long a stopping process waits for its server to close before it exits anyway. */
const CLOSE_MS = 1_000;

/** Follows the parent's IPC messages; see messages.ts for the protocol. */
export function runServiceProcess(): void {
  let host: ServiceHost | undefined;
  let server: Server | undefined;
  const send = (m: ChildMessage): void => {
    if (process.connected) process.send!(m);
  };
  // Ctrl-C in a terminal reaches the whole process group: the parent decides when we stop.
  process.on('SIGINT', () => {});
  process.on('disconnect', () => process.exit(0));
  process.on('message', (m: ParentMessage) => {
    switch (m.type) {
      case 'init': {
        host = new ServiceHost(m);
        const h = host;
        server = createServiceServer(h);
        server.listen(0, '127.0.0.1', () => {
          const addr = server!.address();
          send({ type: 'listening', port: typeof addr === 'object' && addr ? addr.port : 0 });
        });
        setInterval(() => {
          send({ type: 'stats', stats: h.metrics.stats(h.pool) });
          const logs = h.takeLogs();
          if (logs.lines.length || logs.dropped) send({ type: 'logs', ...logs });
        }, m.statsIntervalMs).unref();
        return;
      }
      case 'load':
        host!.load(m.dir, m.replicas).then(
          () => send({ type: 'loaded', dir: m.dir }),
          (err: unknown) => send({ type: 'failed', message: (err as Error).message, hint: err instanceof FiredrillError ? err.hint : undefined }),
        );
        return;
      case 'resize':
        host?.resize(m.replicas);
        return;
      case 'interference':
        if (host) host.interference = m.interference;
        return;
      case 'stop':
        stop(server);
        return;
    }
  });
}

/**
 * The run is over when the parent stops a process: requests still in flight have no one left to
 * count them (the load stopped first), so connections are cut rather than drained.
 */
function stop(server: Server | undefined): void {
  setTimeout(() => process.exit(0), CLOSE_MS).unref();
  if (!server) process.exit(0);
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
