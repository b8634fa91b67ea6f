import { json } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guard';
import { getDb, getSource } from '$lib/server/db/index';
import { checkHealth } from '$lib/server/status/health.service';
import type { RequestHandler } from './$types';

// GET /api/v1/health — shared/spec/interfaces.md:
//   200 { database: "ok", jobs: [{ name, last_started_at, last_status, last_error }], source_lag_seconds }
//   503 { database: "error", jobs: [], source_lag_seconds, error: { code: "database_unavailable", message } }
// On 503 the body carries both the health fields (so a monitor reads one shape) and the
// API's { error: { code, message } } (so generic API clients see a normal error).
// An unreachable source does not fail the check; it leaves source_lag_seconds null.
// Like all of the API it needs a session or a bearer token (a monitor uses a token).
export const GET: RequestHandler = async (event) => {
  requireRole(event, 'admin', 'leader');
  const report = await checkHealth(getDb(), getSource());
  return json(report, {
    status: report.database === 'ok' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' }
  });
};
