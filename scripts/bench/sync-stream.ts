import pg from 'pg';

// A steady stream of changes in a large source, for the incremental sync at scale: every
// tick, `perTick` new cases arrive (a case row and its `received` event), the cases that
// arrived three ticks ago are accepted, those accepted three ticks before are concluded
// and half of those rated. Every statement goes by primary key (the stream remembers the
// ids it made), so a tick costs the same at 1,000,000 or 10,000,000 cases. New cases copy
// the matter, window and applicant of an existing case (a pseudo-random pick).

export interface StreamTotals {
  ticks: number;
  rows: number;
  failures: number;
}

export interface SourceStream {
  totals: StreamTotals;
  stop(): Promise<StreamTotals>;
}

export async function startSyncStream(
  sourceSuperuserUrl: string,
  schema: string,
  options: { casesPerMinute: number; tickSeconds: number }
): Promise<SourceStream> {
  const client = new pg.Client({ connectionString: sourceSuperuserUrl });
  client.on('error', () => {});
  await client.connect();
  const t = (name: string) => `${schema}.${name}`;
  const max = await client.query<{ cases: string; events: string; ratings: string; first: string }>(
    `SELECT (SELECT max(id) FROM ${t('cases')}) AS cases, (SELECT min(id) FROM ${t('cases')}) AS first,
            (SELECT max(id) FROM ${t('case_events')}) AS events, (SELECT coalesce(max(id), 0) FROM ${t('ratings')}) AS ratings`
  );
  const span = Number(max.rows[0].cases) - Number(max.rows[0].first);
  const first = Number(max.rows[0].first);
  // New ids far above the generator's, so a rerun on a kept world never collides.
  let nextCase = Number(max.rows[0].cases) + 1_000_000;
  let nextEvent = Number(max.rows[0].events) + 10_000_000;
  let nextRating = Number(max.rows[0].ratings) + 1_000_000;
  const perTick = Math.max(1, Math.round((options.casesPerMinute * options.tickSeconds) / 60));
  const arrived: number[][] = []; // ids per tick, newest last
  const totals: StreamTotals = { ticks: 0, rows: 0, failures: 0 };

  const addEvents = async (ids: number[], kind: string) => {
    const result = await client.query(
      `INSERT INTO ${t('case_events')} (id, case_id, kind, occurred_at, staff_id, note, updated_at)
       SELECT $1::bigint + i, id, $3, now(), NULL, 'bench stream', now()
       FROM unnest($2::bigint[]) WITH ORDINALITY AS u(id, i)`,
      [nextEvent, ids, kind]
    );
    nextEvent += ids.length + 1;
    return result.rowCount ?? 0;
  };

  const tick = async () => {
    const fresh = Array.from({ length: perTick }, (_, i) => nextCase + i);
    nextCase += perTick;
    await client.query('BEGIN');
    let rows = 0;
    const inserted = await client.query(
      `INSERT INTO ${t('cases')} (id, case_no, region_code, matter_id, service_point_id, window_id, channel,
         applicant_kind, applicant_name, applicant_id_no, applicant_phone, received_at, status, updated_at)
       SELECT u.id, 'BENCH-' || u.id, c.region_code, c.matter_id, c.service_point_id, c.window_id, c.channel,
              c.applicant_kind, c.applicant_name, c.applicant_id_no, c.applicant_phone, now(), 'received', now()
       FROM unnest($1::bigint[]) AS u(id)
       JOIN ${t('cases')} c ON c.id = $2::bigint + (u.id * 7919) % $3::bigint`,
      [fresh, first, span]
    );
    rows += inserted.rowCount ?? 0;
    rows += await addEvents(fresh, 'received');
    arrived.push(fresh);
    const toAccept = arrived.length > 3 ? arrived[arrived.length - 4] : [];
    const toConclude = arrived.length > 6 ? arrived[arrived.length - 7] : [];
    if (toAccept.length) {
      const r = await client.query(
        `UPDATE ${t('cases')} SET status = 'accepted', accepted_at = now(), updated_at = now() WHERE id = ANY ($1::bigint[])`,
        [toAccept]
      );
      rows += (r.rowCount ?? 0) + (await addEvents(toAccept, 'accepted'));
    }
    if (toConclude.length) {
      const r = await client.query(
        `UPDATE ${t('cases')} SET status = 'concluded', decision = 'approved', concluded_at = now(), updated_at = now()
         WHERE id = ANY ($1::bigint[])`,
        [toConclude]
      );
      rows += (r.rowCount ?? 0) + (await addEvents(toConclude, 'concluded'));
      const rated = toConclude.filter((_, i) => i % 2 === 0);
      const ratings = await client.query(
        `INSERT INTO ${t('ratings')} (id, case_id, staff_id, window_id, level, channel, rated_at, updated_at)
         SELECT $1::bigint + i, c.id, c.handler_staff_id, c.window_id, 5, 'sms', now(), now()
         FROM unnest($2::bigint[]) WITH ORDINALITY AS u(id, i) JOIN ${t('cases')} c ON c.id = u.id`,
        [nextRating, rated]
      );
      nextRating += rated.length + 1;
      rows += ratings.rowCount ?? 0;
      arrived.shift();
    }
    await client.query('COMMIT');
    totals.rows += rows;
  };

  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    if (stopped) return;
    running = running.then(async () => {
      try {
        await tick();
      } catch (error) {
        totals.failures++;
        await client.query('ROLLBACK').catch(() => {});
        console.error(`  stream tick failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      totals.ticks++;
    });
  }, options.tickSeconds * 1000);

  return {
    totals,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await client.end();
      return totals;
    }
  };
}
