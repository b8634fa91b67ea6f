import type pg from 'pg';
import { markAllKpiDaysDirty } from '../kpis/rollup-dirty';
import { kyselyOnClient } from './product-connection';

// The KPI rollups' triggers (migration 20261125030000_kpi_rollups) mark the days a
// statement touched in kpi_dirty_days. They are statement-level triggers over transition
// tables: on a first load they would keep and join every row loaded. A first load turns
// them off for its own transaction (the change is transactional: a failed pass leaves them
// on) and marks every day dirty instead, which is what they would have found anyway.

const TABLES = ['cases', 'case_events', 'ratings', 'complaints', 'case_clock'];

export interface SuspendedTriggers {
  /** Turns the triggers back on and marks every day dirty; inside the same transaction. */
  resume(): Promise<void>;
}

export async function suspendKpiTriggers(product: pg.ClientBase): Promise<SuspendedTriggers> {
  const triggers = await product.query<{ relation: string; name: string }>(
    `SELECT t.tgrelid::regclass::text AS relation, format('%I', t.tgname) AS name
     FROM pg_trigger t
     WHERE t.tgrelid = ANY ($1::regclass[]) AND NOT t.tgisinternal AND t.tgenabled <> 'D'
       AND t.tgname LIKE 'kpi\\_dirty\\_%'`,
    [TABLES]
  );
  for (const t of triggers.rows) await product.query(`ALTER TABLE ${t.relation} DISABLE TRIGGER ${t.name}`);
  return {
    async resume() {
      if (triggers.rows.length === 0) return;
      for (const t of triggers.rows)
        await product.query(`ALTER TABLE ${t.relation} ENABLE TRIGGER ${t.name}`);
      const db = kyselyOnClient(product);
      try {
        await markAllKpiDaysDirty(db);
      } finally {
        await db.destroy();
      }
    }
  };
}
