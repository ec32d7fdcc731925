import { startPromApiServer, type PromApiServer } from '../metrics/api-server/index.ts';
import type { World } from '../world/world.ts';

/**
 * `--serve-api`: a Prometheus-compatible HTTP API over the live run's series (on sim, query times
 * are virtual), so promtool, Grafana or an agent can query a drill the way they query Prometheus.
 * Each new run replaces the previous one's server on the same port.
 */
export class ApiServing {
  private server: PromApiServer | undefined;

  constructor(
    private readonly port: number,
    private readonly write: (text: string) => void = (t) => process.stderr.write(t),
  ) {}

  async attach(world: World): Promise<void> {
    await this.close();
    this.server = await startPromApiServer({ source: world.metrics, clock: world.clock, port: this.port });
    this.write(`Prometheus API for this run: ${this.server.url} (times are the run's clock)\n`);
  }

  get url(): string | undefined {
    return this.server?.url;
  }

  async close(): Promise<void> {
    await this.server?.close();
    this.server = undefined;
  }
}
