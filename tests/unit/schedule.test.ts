import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { allJobs } from '../../jobs/index';
import { SCHEDULE } from '../../jobs/schedule';

describe('the job schedule', () => {
  it('names only jobs that exist', () => {
    const names = new Set(allJobs.map((job) => job.name));
    for (const entry of SCHEDULE) expect(names, entry.job).toContain(entry.job);
  });

  it('uses valid cron expressions; an entry without one runs at start', () => {
    for (const entry of SCHEDULE) {
      if (entry.cron === undefined) expect(entry.runAtStart, entry.job).toBe(true);
      else expect(cron.validate(entry.cron), entry.cron).toBe(true);
    }
  });

  it('starts a job after another only when that one runs at start before it, on every deployment it runs on', () => {
    SCHEDULE.forEach((entry, i) => {
      if (entry.startAfter === undefined) return;
      expect(entry.runAtStart, entry.job).toBe(true);
      const before = SCHEDULE.slice(0, i).find((e) => e.job === entry.startAfter);
      expect(before?.runAtStart, `${entry.job} after ${entry.startAfter}`).toBe(true);
      // A demo-only predecessor would be missing on a real deployment.
      if (!entry.demoOnly) expect(before?.demoOnly, `${entry.job} after ${entry.startAfter}`).toBeFalsy();
    });
  });

  it('derives the appraisal at start once the start sync is done, and seeds the demo after that, on the demo only', () => {
    const entry = (job: string) => SCHEDULE.find((e) => e.job === job);
    expect(entry('appraisal-derive')).toMatchObject({ runAtStart: true, startAfter: 'sync' });
    expect(entry('demo-seed')).toMatchObject({
      demoOnly: true,
      runAtStart: true,
      startAfter: 'appraisal-derive'
    });
  });

  it('gives every job a unique name and a Chinese title', () => {
    const names = allJobs.map((job) => job.name);
    expect(new Set(names).size).toBe(names.length);
    for (const job of allJobs) expect(job.title).toMatch(/[\u4e00-\u9fff]/);
  });
});
