import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InfraError } from '../../../../src/util/errors.ts';
import { countLiveChildren } from '../../../../src/world/local/cleanup-registry.ts';
import { ServiceProcess } from '../../../../src/world/local/service-process.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firedrill-sptest-'));
  await mkdir(join(dir, 'services', 'db'), { recursive: true });
  // Loads fine anywhere, but dies when a service process starts it (as a real crash on boot would).
  await writeFile(join(dir, 'services', 'db', 'handler.js'), "if (process.argv[1]?.endsWith('service-main.ts')) { console.error('FATAL cannot open database /var/db'); process.exit(3); }\nexport const routes = {};\n");
  await writeFile(join(dir, 'services', 'db', 'config.json'), JSON.stringify({ runtime: { replicas: 1, concurrencyPerReplica: 1, queueLimit: 1 } }));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const init = { type: 'init' as const, service: 'db', version: 'stable' as const, seed: 1, routerPorts: {}, statsIntervalMs: 100 };

describe('ServiceProcess', () => {
  it('fails with the cause and the tail of its log when the service exits while starting', async () => {
    const proc = await ServiceProcess.start(init, () => {});
    const err = await proc.load(dir, 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InfraError);
    expect((err as Error).message).toMatch(/db\/stable exited before it was ready \(exit code 3\)/);
    expect((err as Error).message).toMatch(/FATAL cannot open database/);
  });

  it('reports an unexpected exit during the run, and stops cleanly otherwise', async () => {
    const proc = await ServiceProcess.start(init, () => {});
    const exited = new Promise<InfraError>((resolve) => proc.onUnexpectedExit(resolve));
    process.kill(proc.pid!, 'SIGKILL');
    expect((await exited).message).toMatch(/db\/stable exited during the run \(killed by SIGKILL\)/);
    const calm = await ServiceProcess.start(init, () => {});
    let reported = false;
    calm.onUnexpectedExit(() => (reported = true));
    await calm.stop();
    expect(reported).toBe(false);
    expect(countLiveChildren()).toBe(0);
  });
});
