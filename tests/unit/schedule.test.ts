import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { allJobs } from '../../jobs/index';
import { SCHEDULE } from '../../jobs/schedule';

describe('the job schedule', () => {
  it('names only jobs that exist', () => {
    const names = new Set(allJobs.map((job) => job.name));
    for (const entry of SCHEDULE) expect(names, entry.job).toContain(entry.job);
  });

  it('uses valid cron expressions', () => {
    for (const entry of SCHEDULE) expect(cron.validate(entry.cron), entry.cron).toBe(true);
  });

  it('gives every job a unique name and a Chinese title', () => {
    const names = allJobs.map((job) => job.name);
    expect(new Set(names).size).toBe(names.length);
    for (const job of allJobs) expect(job.title).toMatch(/[\u4e00-\u9fff]/);
  });
});
