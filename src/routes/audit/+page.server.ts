import { requireRole } from '$lib/server/auth/guard';
import { listAudit, verifyAuditChain } from '$lib/server/audit/audit.repository';
import { getDb } from '$lib/server/db/index';
import type { PageServerLoad } from './$types';

// The auditor's page (三员分立: only the auditor reads the trail; the admin cannot).
export const load: PageServerLoad = async (event) => {
  requireRole(event, 'auditor');
  const params = event.url.searchParams;
  const filter = {
    actor: params.get('actor') || undefined,
    action: params.get('action') || undefined,
    entity: params.get('entity') || undefined,
    beforeSeq: params.get('before') || undefined,
    limit: 100
  };
  const [entries, verification] = await Promise.all([
    listAudit(getDb(), filter),
    params.has('verify') ? verifyAuditChain(getDb()) : Promise.resolve(null)
  ]);
  return {
    filter,
    verification,
    entries: entries.map((e) => ({
      ...e,
      before: e.before == null ? null : JSON.stringify(e.before),
      after: e.after == null ? null : JSON.stringify(e.after)
    }))
  };
};
