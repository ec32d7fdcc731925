import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/clock/virtual-clock.ts';
import { OnCallHuman, type DiagnosisFactors } from '../../../src/oncall/oncall-human.ts';
import { Timeline } from '../../../src/timeline/timeline.ts';
import { createRng } from '../../../src/util/rng.ts';

const FIXED = { medianMs: 60_000, sigma: 0 };
const TIMES = { ack: FIXED, investigate: { medianMs: 600_000, sigma: 0 }, rollback: FIXED, sources: ['test'] };
const FACTORS: DiagnosisFactors = { exact: 0.25, partial: 0.6, wrong: 1.5, none: 1 };

async function investigationTime(diagnosis?: { quality: keyof DiagnosisFactors; at: number }): Promise<{ ms: number; events: string[] }> {
  const clock = new VirtualClock();
  const timeline = new Timeline();
  const human = new OnCallHuman(clock, createRng(1), TIMES, timeline, { isDeployLive: () => true, rollback: async () => {} }, FACTORS);
  clock.schedule(0, () => human.page('test'));
  if (diagnosis) clock.schedule(diagnosis.at, () => human.readDiagnosis(diagnosis.quality));
  await clock.runUntil(3_600_000);
  const done = timeline.all().find((e) => e.type === 'investigation.done')!;
  return { ms: done.afterMs as number, events: timeline.all().map((e) => e.type) };
}

describe('OnCallHuman reading a diagnosis', () => {
  it('takes the drawn time without one', async () => {
    expect((await investigationTime()).ms).toBe(600_000);
  });

  it('scales the whole investigation when the diagnosis came first', async () => {
    expect((await investigationTime({ quality: 'exact', at: 30_000 })).ms).toBe(150_000);
    expect((await investigationTime({ quality: 'wrong', at: 30_000 })).ms).toBe(900_000);
  });

  it('scales what is left when it arrives midway, and says so', async () => {
    // Ack at 60 s, investigation 600 s; diagnosis at 160 s: 500 s left become 125 s.
    const r = await investigationTime({ quality: 'exact', at: 160_000 });
    expect(r.ms).toBe(100_000 + 125_000);
    expect(r.events).toContain('investigation.informed');
  });
});
