import { createServer } from 'node:net';

/**
 * A port on 127.0.0.1 that was free a moment ago, for programs that cannot listen on port 0 and
 * report back (Prometheus). Another process may take it in between: callers retry on
 * "address already in use".
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      server.close(() => resolve(port));
    });
  });
}
