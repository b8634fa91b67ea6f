import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { EVENT_VIEW_ROLES } from '$lib/appraisal/appeal-rules';
import { CHIEF_SHARE_RULE } from '$lib/appraisal/catalogue';
import { appealDeadline } from '$lib/server/appraisal/appraisal-dates';
import { findEvent, listAppeals } from '$lib/server/appraisal/appeals.repository';
import {
  appealRefusal,
  decideAppeal,
  decisionRefusal,
  fileAppeal,
  type AppealOutcome
} from '$lib/server/appraisal/appeals.service';
import { appraisalActor, canSeeEvent, isOwnEvent } from '$lib/server/appraisal/event-scope';
import { listEvidence } from '$lib/server/appraisal/manual-events.repository';
import { AppraisalError } from '$lib/server/appraisal/manual-events.service';
import { loadRuleSet } from '$lib/server/appraisal/rule-sets.repository';
import { hasRole, requireRole } from '$lib/server/auth/guard';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { loadCalendarFrom } from '$lib/server/case-clock/calendar.repository';
import { getDb } from '$lib/server/db/index';
import { eventSource } from './source';
import type { Actions, PageServerLoad } from './$types';

// One score event: who, when, which rule, how many points, its status and source, the
// evidence and the appeal history. The person concerned appeals here; a reviewer decides.

const notFound = () => error(404, { message: '未找到该考核事件', code: 'not_found' });

async function visibleEvent(event: RequestEvent<{ id: string }>) {
  const user = requireRole(event, ...EVENT_VIEW_ROLES);
  if (!/^\d{1,18}$/.test(event.params.id)) notFound();
  const found = await findEvent(getDb(), event.params.id);
  // 404 rather than 403 out of scope, so ids cannot be probed.
  if (!found || !canSeeEvent(user, found)) return notFound();
  return { user, found };
}

export const load: PageServerLoad = async (event) => {
  const { user, found } = await visibleEvent(event);
  const db = getDb();
  const [appeals, evidence, calendar, ruleSet] = await Promise.all([
    listAppeals(db, found.id),
    listEvidence(db, found.id),
    loadCalendarFrom(db),
    loadRuleSet(db, found.ruleSetId)
  ]);
  const own = isOwnEvent(user, found);
  const reviewer = hasRole(user, 'leader', 'section_head');
  const open = appeals.find((a) => a.decision === null);
  const appealable = Number(found.points) < 0 && found.ruleCode !== CHIEF_SHARE_RULE;
  return {
    event: found,
    ruleLabel:
      found.ruleCode === CHIEF_SHARE_RULE
        ? '首席代表分担扣分'
        : (ruleSet?.rules.find((r) => r.code === found.ruleCode)?.label ?? found.ruleCode),
    source: await eventSource(db, user, found),
    appeals,
    evidence,
    deadline: appealable ? appealDeadline(found.enteredAt, calendar) : null,
    own,
    appealBlock: own ? appealRefusal(found, calendar, bureauToday()) : null,
    decideBlock: reviewer && found.status === 'appealed' ? decisionRefusal(user, found, open) : null,
    reviewer
  };
};

async function run(action: string, write: () => Promise<AppealOutcome>) {
  try {
    const outcome = await write();
    return outcome.ok ? { done: action } : fail(400, { action, error: outcome.error });
  } catch (e) {
    if (e instanceof AppraisalError) error(e.status, { message: e.message, code: 'appraisal' });
    throw e;
  }
}

export const actions: Actions = {
  appeal: async (event) => {
    const { user, found } = await visibleEvent(event);
    const form = await event.request.formData();
    const who = appraisalActor(user, event.getClientAddress());
    return run('appeal', () => fileAppeal(getDb(), who, found.id, String(form.get('reason') ?? '')));
  },
  decide: async (event) => {
    const { user, found } = await visibleEvent(event);
    requireRole(event, 'leader', 'section_head');
    const form = await event.request.formData();
    const decision = form.get('decision') === 'revoked' ? 'revoked' : 'upheld';
    const who = appraisalActor(user, event.getClientAddress());
    return run('decide', () =>
      decideAppeal(getDb(), who, found.id, decision, String(form.get('reason') ?? ''))
    );
  }
};
