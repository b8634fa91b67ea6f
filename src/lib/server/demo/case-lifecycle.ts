import type { CaseChannel, CaseStatus } from '../source/source-tables';
import type { Arrival } from './arrivals';
import { dayStartMs, localDayOf } from './demo-calendar';
import type { DemoWorld } from './demo-world';
import { planFeedback, type DemoComplaint, type DemoRating } from './feedback';
import { planProcessing } from './processing-plan';
import { fakeEnterpriseName, fakeIdNumber, fakePersonName, fakePhone, fakeUscc } from './people';
import type { SeededRandom } from './seeded-random';
import { Timeline, type DemoEvent } from './timeline';

// One case from arrival to delivery (pure): the whole life is planned on the working-day
// calendar, then cut at "now". The case row is derived from the events that remain, so
// status, accepted_at, concluded_at, delivered_at and updated_at always match them.

export interface DemoCase {
  id: number;
  caseNo: string;
  matterId: number;
  servicePointId: number;
  windowId: number | null;
  channel: CaseChannel;
  applicantKind: 'person' | 'enterprise';
  applicantName: string;
  applicantIdNo: string;
  applicantPhone: string;
  receivedAt: number;
  acceptedAt: number | null;
  handlerStaffId: number | null;
  status: CaseStatus;
  decision: 'approved' | 'denied' | null;
  concludedAt: number | null;
  deliveredAt: number | null;
  updatedAt: number;
  events: DemoEvent[];
  rating: DemoRating | null;
  complaint: DemoComplaint | null;
}

const CORRECTION_NOTES = [
  '一次性告知：请补正营业执照副本复印件',
  '一次性告知：请补正法定代表人身份证明',
  '一次性告知：请补正经营场所使用证明',
  '一次性告知：申请表缺少签字盖章',
  '一次性告知：请补正平面布局图',
  '一次性告知：请补正从业人员健康证明'
];
const REJECT_NOTES = [
  '申请事项不属于本机关职权范围，不予受理',
  '申请材料不符合法定形式且逾期未补正，不予受理',
  '申请人不具备申请资格，不予受理'
];
const CLOSE_OF_BUSINESS_MS = 17 * 3_600_000;

/** A fake applicant for a matter: a person or an enterprise, as the matter suggests. */
export function fakeApplicant(rng: SeededRandom, world: DemoWorld, matterIndex: number) {
  const person = rng.chance(world.personShare[matterIndex]);
  return {
    person,
    applicantName: person ? fakePersonName(rng) : fakeEnterpriseName(rng),
    applicantIdNo: person ? fakeIdNumber(rng, world.regionCode) : fakeUscc(rng, world.regionCode),
    applicantPhone: fakePhone(rng)
  };
}

export function generateCase(
  rng: SeededRandom,
  world: DemoWorld,
  arrival: Arrival,
  id: number,
  caseNo: string,
  nowMs: number
): DemoCase {
  const cal = world.calendar;
  const matter = world.matters[arrival.matterIndex];
  const immediate = matter.kind === 'immediate';
  const handler = arrival.handlerStaffId;
  const { person, applicantName, applicantIdNo, applicantPhone } = fakeApplicant(
    rng,
    world,
    arrival.matterIndex
  );

  const tl = new Timeline(rng, arrival.at, arrival.receiverStaffId);
  const receivedDay = localDayOf(arrival.at);
  const sameDay = cal.isWorking(receivedDay) && arrival.at - dayStartMs(receivedDay) < CLOSE_OF_BUSINESS_MS;
  let actDay = sameDay ? receivedDay : cal.addWorkingDays(receivedDay, 1);
  let decision: 'approved' | 'denied' | null = null;
  let late = false;

  plan: {
    if (rng.chance(immediate ? 0.03 : 0.07)) {
      const wait = rng.chance(0.04) ? rng.int(6, 9) : rng.chance(0.6) ? 0 : rng.int(1, 2);
      const requestDay = cal.addWorkingDays(actDay, wait);
      tl.push('correction_requested', requestDay, handler, rng.pick(CORRECTION_NOTES));
      if (rng.chance(0.05)) {
        tl.push(
          'withdrawn',
          cal.addWorkingDays(requestDay, rng.int(5, 20)),
          null,
          '申请人未补正材料，撤回申请'
        );
        break plan;
      }
      actDay = cal.addWorkingDays(requestDay, rng.int(1, 10));
      tl.push('correction_received', actDay, handler);
    }
    const acceptDay = immediate || rng.chance(0.75) ? actDay : cal.addWorkingDays(actDay, rng.int(1, 3));
    const verdict = rng.next();
    if (verdict < 0.03) {
      tl.push('rejected', acceptDay, handler, rng.pick(REJECT_NOTES));
      break plan;
    }
    if (verdict < 0.033) {
      tl.push('withdrawn', acceptDay, null, '申请人主动撤回申请');
      break plan;
    }
    tl.push('accepted', acceptDay, handler);
    const outcome = planProcessing(rng, world, matter, acceptDay, tl, handler);
    if (outcome.concludedDay === null) break plan;
    late = outcome.late;
    decision = rng.chance(immediate ? 0.005 : 0.03) ? 'denied' : 'approved';
    const concluder = immediate ? handler : world.chiefRep.get(matter.section_id)!;
    tl.push(
      'concluded',
      outcome.concludedDay,
      concluder,
      decision === 'denied' ? '不符合法定条件，不予许可' : null
    );
    const online = arrival.channel === 'online';
    if (rng.chance(0.005)) {
      tl.push(
        'delivered',
        cal.addWorkingDays(outcome.concludedDay, rng.int(11, 20)),
        online ? null : handler
      );
    } else if (online || immediate || rng.chance(0.6)) {
      tl.pushAfter('delivered', rng.int(60, 1800), online ? null : handler);
    } else {
      tl.push('delivered', cal.addWorkingDays(outcome.concludedDay, rng.int(1, 3)), handler);
    }
  }

  const c: DemoCase = {
    id,
    caseNo,
    matterId: matter.id,
    servicePointId: arrival.servicePointId,
    windowId: arrival.windowId,
    channel: arrival.channel,
    applicantKind: person ? 'person' : 'enterprise',
    applicantName,
    applicantIdNo,
    applicantPhone,
    receivedAt: arrival.at,
    acceptedAt: null,
    handlerStaffId: handler,
    status: 'received',
    decision: null,
    concludedAt: null,
    deliveredAt: null,
    updatedAt: arrival.at,
    events: cutAt(tl.events, nowMs),
    rating: null,
    complaint: null
  };
  applyEvents(c, decision);
  if (decision) {
    const feedback = planFeedback(rng, tl.events, arrival, late, nowMs);
    c.rating = feedback.rating;
    c.complaint = feedback.complaint;
  }
  return c;
}

function cutAt(events: DemoEvent[], nowMs: number): DemoEvent[] {
  let n = events.length;
  while (n > 0 && events[n - 1].at > nowMs) n--;
  return n === events.length ? events : events.slice(0, n);
}

/** Derives the case row's status and times from its (already cut) events. */
export function applyEvents(c: DemoCase, decision: 'approved' | 'denied' | null): void {
  for (const e of c.events) {
    switch (e.kind) {
      case 'accepted':
        c.status = 'accepted';
        c.acceptedAt = e.at;
        break;
      case 'rejected':
      case 'withdrawn':
        c.status = e.kind;
        break;
      case 'correction_requested':
      case 'suspended':
        if (c.acceptedAt !== null) c.status = 'suspended';
        break;
      case 'correction_received':
      case 'resumed':
        if (c.acceptedAt !== null) c.status = 'accepted';
        break;
      case 'concluded':
        c.status = 'concluded';
        c.concludedAt = e.at;
        c.decision = decision;
        break;
      case 'delivered':
        c.deliveredAt = e.at;
        break;
    }
    c.updatedAt = e.at;
  }
}
