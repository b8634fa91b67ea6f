import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabases } from '../../src/lib/server/db/index';
import type { JobDefinition } from '../../src/lib/server/jobs/job';
import { startScheduler } from '../../src/lib/server/jobs/scheduler';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

// The scheduler's start runs (jobs/schedule.ts): a job started after another waits until
// that one's start run has ended — failed or not — and a job without a cron runs only then;
// stopping before a waiting start run begins means it never begins.

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

let t: TestDatabases;
beforeAll(async () => {
  t = await createTestDatabases();
  // The scheduler's runs use the process-wide connections, as under `npm start`.
  process.env.DATABASE_URL = t.urls.product;
  process.env.SOURCE_DATABASE_URL = t.urls.sourceReader;
});
afterAll(async () => {
  await closeDatabases();
  await t?.destroy();
});

const job = (name: string, run: () => Promise<void>): JobDefinition => ({
  name,
  title: '测试',
  async run() {
    await run();
    return { rowsTouched: 0 };
  }
});

describe('start runs in order', () => {
  it('runs a job after another only once that one’s start run has ended, even if it failed', async () => {
    const order: string[] = [];
    const release = deferred();
    const done = deferred();
    const first = job('first-start-job', async () => {
      order.push('first begins');
      await release.promise;
      order.push('first ends');
      throw new Error('failed on purpose');
    });
    const second = job('second-start-job', async () => {
      order.push('second');
      done.resolve();
    });
    const scheduler = startScheduler(
      [
        { job: first, cron: '0 0 1 1 *', runAtStart: true },
        { job: second, runAtStart: true, startAfter: 'first-start-job' }
      ],
      'Asia/Shanghai',
      () => {}
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(order).toEqual(['first begins']);
    release.resolve();
    await done.promise;
    await scheduler.stop();
    expect(order).toEqual(['first begins', 'first ends', 'second']);
  });

  it('never begins a waiting start run once stopped', async () => {
    const release = deferred();
    let secondRan = false;
    const scheduler = startScheduler(
      [
        { job: job('slow-start-job', () => release.promise), runAtStart: true },
        {
          job: job('late-start-job', async () => void (secondRan = true)),
          runAtStart: true,
          startAfter: 'slow-start-job'
        }
      ],
      'Asia/Shanghai',
      () => {}
    );
    const stopped = scheduler.stop();
    release.resolve();
    await stopped;
    await new Promise((r) => setTimeout(r, 100));
    expect(secondRan).toBe(false);
  });

  it('refuses a job started after one that has no start run before it', () => {
    expect(() =>
      startScheduler(
        [{ job: job('orphan-start-job', async () => {}), runAtStart: true, startAfter: 'sync' }],
        'Asia/Shanghai',
        () => {}
      )
    ).toThrow(/no start run before it/);
  });
});
