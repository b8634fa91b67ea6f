import { loadCalendar } from '../case-clock/calendar.repository';
import {
  computeClocksFromSource,
  firstLoadClockQuery,
  writeFirstLoadClocks,
  type ComputedClocks
} from '../case-clock/first-load-clocks';
import { recomputeListedCases, type RecomputeResult } from '../case-clock/recompute';
import { isEmpty, runFirstLoadRebuilds, type PassContext, type RelationPassStats } from './relation-pass';
import { TOUCH_CASES_OF_CHANGED_MATTERS, TOUCH_OPEN_CASES, TOUCHED } from './statements';
import { clockInputsChanged } from './watermarks';

// The end of a pass, once every relation is copied: the clocks (docs/rules/sync.md, "What
// touched means, and the derived state"). Ends the source's transaction.

/**
 * A first load that filled cases and events straight from one snapshot computes its clocks from that snapshot while the
 * product rebuilds the loaded tables' indexes; any other pass recomputes the cases it
 * touched (all of them after a first load) from the product.
 */
export async function updatePassClocks(
  ctx: PassContext,
  relations: readonly RelationPassStats[],
  evaluationDate: string
): Promise<{ clocks: RecomputeResult; fromSnapshot: boolean }> {
  const { product, source, firstLoad } = ctx;
  const started = Date.now();
  const calendar = await loadCalendar(product);
  const fromSnapshot =
    firstLoad &&
    ctx.loadedInFull.has('cases') &&
    ctx.loadedInFull.has('case_events') &&
    (await isEmpty(product, 'case_clock'));
  if (fromSnapshot) {
    const query = await firstLoadClockQuery(
      product,
      ctx.schema,
      ctx.excluded.get('cases') ?? [],
      ctx.excluded.get('case_events') ?? []
    );
    await clockInputsChanged(product); // notes the digest; every clock is computed anyway
    // The product rebuilds indexes while the source builds the input and Node computes.
    const rebuilding = runFirstLoadRebuilds(ctx);
    const computing: Promise<ComputedClocks> = query
      ? computeClocksFromSource(source, query, evaluationDate, calendar)
      : Promise.resolve({ chunks: [], cases: 0 });
    rebuilding.catch(() => {}); // both awaited below; the first failure wins
    computing.catch(() => {});
    const [, computed] = await Promise.all([rebuilding, computing]);
    await source.query('COMMIT');
    const changed = await writeFirstLoadClocks(product, computed, ctx.bulkThreshold);
    const seconds = (Date.now() - started) / 1000;
    return { clocks: { cases: computed.cases, changed, seconds }, fromSnapshot: true };
  }

  await runFirstLoadRebuilds(ctx);
  await source.query('COMMIT');
  if (!firstLoad && relations.find((r) => r.relation === 'matters')?.changed) {
    await product.query(TOUCH_CASES_OF_CHANGED_MATTERS);
  }
  if ((await clockInputsChanged(product)) && !firstLoad) await product.query(TOUCH_OPEN_CASES);
  await product.query(`ANALYZE ${TOUCHED}`);
  // After a first load every case is computed, which needs no list.
  const clocks = await recomputeListedCases(product, firstLoad ? null : TOUCHED, {
    evaluationDate,
    calendar,
    bulkThreshold: ctx.bulkThreshold
  });
  return { clocks, fromSnapshot: false };
}
