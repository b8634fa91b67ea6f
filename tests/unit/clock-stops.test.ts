import { describe, expect, it } from 'vitest';
import { deriveStopIntervals } from '../../src/lib/server/clock';
import { at, clock, ev } from './clock-case';

// Clock stops. Unless said otherwise: accepted Monday 2025-03-03 at 09:00, promised limit
// 5; without stops it is due 2025-03-10 (03-04, 05, 06, 07, 10). March 2025 has no holiday.

const accepted = '2025-03-03';
const correction = (from: string, to?: string) => [
  ev('correction_requested', from),
  ...(to ? [ev('correction_received', to)] : [])
];
const suspension = (from: string, to?: string, procedure = 'hearing') => [
  ev('suspended', from, '10:00', { procedure }),
  ...(to ? [ev('resumed', to)] : [])
];

describe('a correction stop', () => {
  it('excludes the days after it opens up to and including the day materials return', () => {
    const result = clock(
      { accepted, limit: 5, events: correction('2025-03-04', '2025-03-06') },
      '2025-03-20'
    );
    expect(result.promised.dueOn).toBe('2025-03-12');
  });

  it('still counts the day it opens: elapsed on 03-04 is 1', () => {
    const result = clock(
      { accepted, limit: 5, events: correction('2025-03-04', '2025-03-06') },
      '2025-03-04'
    );
    expect(result.elapsedDays).toBe(1);
    expect(result.paused).toBe(true);
  });

  it('returning on a Saturday removes only the Friday before: (03-06, 03-08] → due 03-11', () => {
    const result = clock(
      { accepted, limit: 5, events: correction('2025-03-06', '2025-03-08') },
      '2025-03-20'
    );
    expect(result.promised.dueOn).toBe('2025-03-11');
    expect(result.stops[0].removedDays).toBe(1);
  });

  it('opened and closed on the same day removes nothing but is still a stop', () => {
    const events = [
      ev('correction_requested', '2025-03-04', '10:00'),
      ev('correction_received', '2025-03-04', '16:00')
    ];
    const result = clock({ accepted, limit: 5, events }, '2025-03-20');
    expect(result.promised.dueOn).toBe('2025-03-10');
    expect(result.stops).toMatchObject([{ openedOn: '2025-03-04', closedOn: '2025-03-04', removedDays: 0 }]);
  });

  it('opened on the acceptance day after the acceptance instant removes (03-03, 03-05]: due 03-12', () => {
    const events = correction('2025-03-03', '2025-03-05'); // requested 10:00, accepted 09:00
    expect(clock({ accepted, limit: 5, events }, '2025-03-20').promised.dueOn).toBe('2025-03-12');
  });

  it('requested before the acceptance instant, even the same day, has no clock effect', () => {
    const events = [
      ev('correction_requested', '2025-03-03', '08:45'),
      ev('correction_received', '2025-03-05')
    ];
    const result = clock({ accepted, limit: 5, events }, '2025-03-20');
    expect(result.promised.dueOn).toBe('2025-03-10');
    expect(result.stops).toEqual([]);
  });

  it('requested again while already open is the same stop: one stop (03-04, 03-06]', () => {
    const events = [...correction('2025-03-04'), ...correction('2025-03-05', '2025-03-06')];
    const result = clock({ accepted, limit: 5, events }, '2025-03-20');
    expect(result.stops).toHaveLength(1);
    expect(result.promised.dueOn).toBe('2025-03-12');
  });

  it('with request and receipt at the identical instant is an empty closed stop, not an open one', () => {
    const events = [ev('correction_received', '2025-03-04'), ev('correction_requested', '2025-03-04')];
    const result = clock({ accepted, limit: 5, events }, '2025-03-20');
    expect(result.stops).toMatchObject([{ open: false, removedDays: 0 }]);
    expect(result.promised.dueOn).toBe('2025-03-10');
  });

  it('spanning National Day 2025 removes only the working days in it', () => {
    // Accepted 2025-09-26, L=5. Stop (09-29, 10-09] removes 09-30 and 10-09 (2 WD).
    // Counted: 09-28 (Sun), 09-29, 10-10, 10-11 (Sat, make-up), 10-13.
    const events = correction('2025-09-29', '2025-10-09');
    const result = clock({ accepted: '2025-09-26', limit: 5, events }, '2025-10-20');
    expect(result.stops[0].removedDays).toBe(2);
    expect(result.promised.dueOn).toBe('2025-10-13');
  });
});

describe('a special-procedure stop', () => {
  it('opens at suspended and closes at resumed: (03-05, 03-11] removes 4 WD, due 03-14', () => {
    const result = clock(
      { accepted, limit: 5, events: suspension('2025-03-05', '2025-03-11') },
      '2025-03-20'
    );
    expect(result.stops).toMatchObject([{ kind: 'special_procedure', procedure: 'hearing', removedDays: 4 }]);
    expect(result.promised.dueOn).toBe('2025-03-14');
  });

  it('opened before acceptance and resumed after it delays the start: (A, 03-05] removed, due 03-12', () => {
    const events = suspension('2025-03-01', '2025-03-05', 'appraisal');
    const result = clock({ accepted, limit: 5, events }, '2025-03-20');
    expect(result.promised.dueOn).toBe('2025-03-12');
    expect(result.stops).toMatchObject([{ openedOn: '2025-03-01', closedOn: '2025-03-05', removedDays: 2 }]);
  });

  it('opened and resumed before acceptance has no effect and is reported as ignored', () => {
    const events = suspension('2025-02-26', '2025-02-28');
    const result = clock({ accepted, limit: 5, events }, '2025-03-20');
    expect(result.promised.dueOn).toBe('2025-03-10');
    expect(result.stops).toEqual([]);
    expect(result.trace).toContainEqual(
      expect.objectContaining({ kind: 'stop_ignored', from: '2025-02-26' })
    );
  });

  it('opened before acceptance and still open pauses the clock from the start', () => {
    const result = clock({ accepted, limit: 5, events: suspension('2025-02-28') }, '2025-03-05');
    expect(result.elapsedDays).toBe(0);
    expect(result.paused).toBe(true);
    // Resumed "today" 03-05: counted 03-06, 07, 10, 11, 12.
    expect(result.promised.dueOn).toBe('2025-03-12');
  });

  it('a resumed without a suspension is ignored', () => {
    const result = clock({ accepted, limit: 5, events: [ev('resumed', '2025-03-05')] }, '2025-03-20');
    expect(result.promised.dueOn).toBe('2025-03-10');
  });
});

describe('several stops', () => {
  it('add up when disjoint: correction (03-04, 03-05] and suspension (03-07, 03-10] → due 03-12', () => {
    // Counted: 03-04, 03-06, 03-07, 03-11, 03-12.
    const events = [...correction('2025-03-04', '2025-03-05'), ...suspension('2025-03-07', '2025-03-10')];
    const result = clock({ accepted, limit: 5, events }, '2025-03-20');
    expect(result.stops.map((s) => s.removedDays)).toEqual([1, 1]);
    expect(result.promised.dueOn).toBe('2025-03-12');
  });

  it('count overlapping days once: (03-04, 03-07] ∪ (03-06, 03-11] removes 5 WD, due 03-17', () => {
    // Union (03-04, 03-11]: 05, 06, 07, 10, 11. Counted: 03-04, 03-12, 13, 14, 17.
    const events = [...correction('2025-03-04', '2025-03-07'), ...suspension('2025-03-06', '2025-03-11')];
    const result = clock({ accepted, limit: 5, events }, '2025-03-20');
    expect(result.stops).toMatchObject([
      { kind: 'correction', removedDays: 3, overlapDays: 0 },
      { kind: 'special_procedure', removedDays: 2, overlapDays: 1 }
    ]);
    expect(result.promised.dueOn).toBe('2025-03-17');
  });

  it('count a stop nested inside another once: (03-04, 03-14] ⊃ (03-05, 03-06] → due 03-20', () => {
    // Counted: 03-04, then 03-17, 18, 19, 20.
    const events = [...suspension('2025-03-04', '2025-03-14'), ...correction('2025-03-05', '2025-03-06')];
    const result = clock({ accepted, limit: 5, events }, '2025-03-20');
    expect(result.promised.dueOn).toBe('2025-03-20');
    expect(result.stops[1]).toMatchObject({ kind: 'correction', removedDays: 0, overlapDays: 1 });
  });

  it('that touch (one closes the day the next opens) merge into one interval', () => {
    // (03-04, 03-05] ∪ (03-05, 03-07] = (03-04, 03-07]: counted 03-04, 10, 11, 12, 13.
    const events = [...correction('2025-03-04', '2025-03-05'), ...suspension('2025-03-05', '2025-03-07')];
    expect(clock({ accepted, limit: 5, events }, '2025-03-20').promised.dueOn).toBe('2025-03-13');
  });
});

describe('a stop still open at the evaluation date', () => {
  const events = correction('2025-03-05');

  it('removes the days in (S, T] and shows the due date as if resumed today', () => {
    // T = 03-10: removed 06, 07, 10; elapsed 03-04, 03-05 = 2; resumed today → 11, 12, 13.
    const result = clock({ accepted, limit: 5, events }, '2025-03-10');
    expect(result.elapsedDays).toBe(2);
    expect(result.promised.dueOn).toBe('2025-03-13');
    expect(result.paused).toBe(true);
    expect(result.stops).toMatchObject([{ open: true, closedOn: '2025-03-10', removedDays: 3 }]);
  });

  it('moves the due date on each day it stays open', () => {
    // T = 03-12: counted 03-04, 03-05, then 13, 14, 17.
    const result = clock({ accepted, limit: 5, events }, '2025-03-12');
    expect(result.elapsedDays).toBe(2);
    expect(result.promised.dueOn).toBe('2025-03-17');
  });

  it('has no effect when the evaluation date is before it opened', () => {
    const result = clock({ accepted, limit: 5, events }, '2025-03-04');
    expect(result.promised.dueOn).toBe('2025-03-10');
    expect(result.paused).toBe(false);
  });

  it('closes at the conclusion date of a case concluded while stopped', () => {
    // Concluded 03-07: stop (03-05, 03-07]; processing = 03-04, 03-05 = 2.
    const result = clock({ accepted, limit: 5, events, concluded: '2025-03-07' }, '2025-03-20');
    expect(result.processingDays).toBe(2);
    expect(result.stops[0]).toMatchObject({ open: true, closedOn: '2025-03-07' });
    expect(result.paused).toBe(false);
  });
});

describe('deriveStopIntervals', () => {
  it('lists stops with local dates and closes open ones on the given date', () => {
    const events = [
      ev('correction_requested', '2025-03-01'), // before acceptance: no stop
      ...suspension('2025-03-04', '2025-03-05', 'testing'),
      ...correction('2025-03-06')
    ];
    expect(deriveStopIntervals(events, at(accepted, '09:00'), '2025-03-10')).toEqual([
      {
        kind: 'special_procedure',
        procedure: 'testing',
        openedOn: '2025-03-04',
        closedOn: '2025-03-05',
        open: false
      },
      { kind: 'correction', procedure: null, openedOn: '2025-03-06', closedOn: '2025-03-10', open: true }
    ]);
  });

  it('uses the local date in Asia/Shanghai: 2025-03-04T17:00Z is 03-05 locally', () => {
    const events = [
      { kind: 'correction_requested', occurredAt: new Date('2025-03-04T17:00:00Z') },
      { kind: 'correction_received', occurredAt: new Date('2025-03-05T15:59:00Z') }
    ];
    expect(deriveStopIntervals(events, at(accepted, '09:00'), '2025-03-10')[0]).toMatchObject({
      openedOn: '2025-03-05',
      closedOn: '2025-03-05'
    });
  });
});
