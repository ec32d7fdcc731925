// One bench drill, for a profiler: `node --import tsx --cpu-prof test/bench/one-drill.ts
// dependency-cascade 2` (scenario, rounds; DRILL_MIN=N shortens the drill).
import { timeDrill } from './sim-speed.ts';

const name = process.argv[2] ?? 'dependency-cascade';
const rounds = Number(process.argv[3] ?? 3);
const drillMs = Number(process.env.DRILL_MIN ?? 30) * 60_000;
for (const [i, r] of (await timeDrill(name, rounds, drillMs)).entries()) {
  console.log(`${name} round ${i}: ${(r.wallMs / 1000).toFixed(3)} s wall, ${(drillMs / r.wallMs).toFixed(0)} virtual s / wall s, ${(drillMs / r.cpuMs).toFixed(0)} virtual s / cpu s`);
}
