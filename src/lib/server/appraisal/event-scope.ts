import type { Actor } from '../audit/audit.repository';

// Row scope of score events (shared/spec/security.md): leaders and inspectors see every
// event, a section head their sections' staff, anyone their own record (users.staff_no =
// staff.staff_no). Entering: leaders for anyone, section heads for their sections' staff.

/** Who acts on events: the audit actor plus the scope of their user. */
export interface AppraisalActor extends Actor {
  sectionCodes: readonly string[];
  staffNo: string | null;
}

interface EventPerson {
  staffNo: string | null;
  sectionCode: string | null;
}

const has = (who: Pick<AppraisalActor, 'roles'>, role: string) => who.roles.includes(role);

export function isOwnEvent(who: Pick<AppraisalActor, 'staffNo'>, event: EventPerson): boolean {
  return who.staffNo !== null && event.staffNo !== null && who.staffNo === event.staffNo;
}

export function inOwnSections(who: Pick<AppraisalActor, 'roles' | 'sectionCodes'>, event: EventPerson) {
  return (
    has(who, 'section_head') && event.sectionCode !== null && who.sectionCodes.includes(event.sectionCode)
  );
}

export function canSeeEvent(
  who: Pick<AppraisalActor, 'roles' | 'sectionCodes' | 'staffNo'>,
  event: EventPerson
) {
  if (has(who, 'leader') || has(who, 'inspector')) return true;
  return inOwnSections(who, event) || isOwnEvent(who, event);
}

/** Whether the user may enter an event for this person (their activity is checked apart). */
export function mayEnterFor(who: Pick<AppraisalActor, 'roles' | 'sectionCodes'>, person: EventPerson) {
  return has(who, 'leader') || inOwnSections(who, person);
}

/** The sections whose staff the user may enter events for. */
export function entrySections(who: Pick<AppraisalActor, 'roles' | 'sectionCodes'>): 'all' | string[] {
  if (has(who, 'leader')) return 'all';
  return has(who, 'section_head') ? [...who.sectionCodes] : [];
}

/** The actor of a request, with the scope its user's row gives. */
export function appraisalActor(
  identity: Pick<AppraisalActor, 'userId' | 'login' | 'roles' | 'sectionCodes' | 'staffNo'>,
  ip?: string | null
): AppraisalActor {
  return {
    userId: identity.userId,
    login: identity.login,
    roles: identity.roles,
    sectionCodes: identity.sectionCodes,
    staffNo: identity.staffNo,
    ip: ip ?? null
  };
}
