import { error, fail, type RequestEvent } from '@sveltejs/kit';
import {
  checkEventForm,
  manualRules,
  readEventForm,
  type EventFormValues
} from '../../appraisal/appeal-rules';
import { APPRAISAL_ENTRY_ROLES, type ScoreRule } from '../../appraisal/catalogue';
import { requireRole } from '../auth/guard';
import { bureauToday } from '../case-clock/bureau-date';
import { getDb } from '../db/index';
import { appraisalActor, entrySections } from './event-scope';
import { readEvidenceUploads } from './evidence-upload';
import { listEntryStaff, type ScoredStaff } from './manual-events.repository';
import { AppraisalError, enterManualEvent } from './manual-events.service';
import { loadRuleSetInForce } from './rule-sets.repository';

// What the two entry pages (/appraisal/events/new and the patrol page) share: the people
// and rules offered, and the action that checks the form and writes the event.

export interface EntryOptions {
  staff: ScoredStaff[];
  rules: ScoreRule[];
  today: string;
  leader: boolean;
}

export async function loadEntryOptions(event: RequestEvent): Promise<EntryOptions> {
  const user = requireRole(event, ...APPRAISAL_ENTRY_ROLES);
  const db = getDb();
  const [staff, ruleSet] = await Promise.all([
    listEntryStaff(db, entrySections(user)),
    loadRuleSetInForce(db)
  ]);
  return {
    staff,
    rules: manualRules(ruleSet.rules),
    today: bureauToday(),
    leader: user.roles.includes('leader')
  };
}

/**
 * Checks and writes one event. `fixedDate` (the patrol page) takes today instead of a
 * date field. Returns the new event, or fail(400) with the form's values and Chinese errors.
 */
export async function runEntryAction(event: RequestEvent, fixedDate = false) {
  const user = requireRole(event, ...APPRAISAL_ENTRY_ROLES);
  const form = await event.request.formData();
  const today = bureauToday();
  const values: EventFormValues = { ...readEventForm(form), ...(fixedDate ? { occurredOn: today } : {}) };
  const checked = checkEventForm(values, today);
  const evidence = await readEvidenceUploads(form);
  if ('errors' in checked || 'error' in evidence) {
    const errors = { ...('errors' in checked ? checked.errors : {}) };
    if ('error' in evidence) errors.evidence = evidence.error;
    return fail(400, { values, errors });
  }
  try {
    const outcome = await enterManualEvent(
      getDb(),
      appraisalActor(user, event.getClientAddress()),
      checked.input,
      evidence.files
    );
    if (!outcome.ok) return fail(400, { values, errors: outcome.errors });
    return {
      saved: {
        id: outcome.id,
        origin: outcome.origin,
        staffId: checked.input.staffId,
        ruleCode: checked.input.ruleCode
      }
    };
  } catch (e) {
    if (e instanceof AppraisalError) error(e.status, { message: e.message, code: 'appraisal' });
    throw e;
  }
}
