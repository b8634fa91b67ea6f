import { describe, expect, it } from 'vitest';
import { clock, ev } from './clock-case';

// Lights, on-time verdicts and flags. Reference case: accepted Monday 2025-03-03 with a
// promised limit of 10: counted 03-04..07 (4), 03-10..14 (9), 03-17 (10) → due 03-17;
// yellow from ceil(0.8 × 10) = 8 counted days (03-13) or 1 day remaining (03-14).

const ten = { accepted: '2025-03-03', limit: 10 } as const;

describe('the light of an open case', () => {
  it.each([
    ['2025-03-12', 7, 'green', 'elapsed 7 < 8 and 3 remaining > 1'],
    ['2025-03-13', 8, 'yellow', 'elapsed exactly ceil(0.8 × 10) = 8'],
    ['2025-03-14', 9, 'yellow', '1 remaining'],
    ['2025-03-16', 9, 'yellow', 'a Sunday before the due date'],
    ['2025-03-17', 10, 'yellow', 'T equals the due date: due by the end of D, not red'],
    ['2025-03-18', 11, 'red', 'T = D + 1']
  ])('on %s has elapsed %i and is %s (%s)', (on, elapsed, colour) => {
    const result = clock(ten, on);
    expect(result.elapsedDays).toBe(elapsed);
    expect(result.colour).toBe(colour);
    expect(result.remainingDays).toBe(10 - elapsed);
  });

  it('turns yellow when remaining equals yellowDays (ratio 1, yellowDays 2): 03-13 yellow, 03-12 green', () => {
    const settings = { yellowRatio: 1, yellowDays: 2 };
    expect(clock({ ...ten, settings }, '2025-03-12').colour).toBe('green'); // 3 remaining
    expect(clock({ ...ten, settings }, '2025-03-13').colour).toBe('yellow'); // 2 remaining
  });

  it('uses ceil(0.7 × 10) = 7, not 8, despite floating point (0.7 × 10 = 7.000000000000001)', () => {
    const settings = { yellowRatio: 0.7 };
    expect(clock({ ...ten, settings }, '2025-03-11').colour).toBe('green'); // elapsed 6
    expect(clock({ ...ten, settings }, '2025-03-12').colour).toBe('yellow'); // elapsed 7
  });

  it('is yellow on remaining 1 before the ratio for a short limit: L = 3, ceil(2.4) = 3', () => {
    // Due 03-06. 03-04: elapsed 1, 2 remaining → green; 03-05: elapsed 2, 1 remaining → yellow.
    expect(clock({ accepted: '2025-03-03', limit: 3 }, '2025-03-04').colour).toBe('green');
    expect(clock({ accepted: '2025-03-03', limit: 3 }, '2025-03-05').colour).toBe('yellow');
  });

  it('is red on the Saturday after a Friday due date', () => {
    // L = 5 from 2025-03-03 is due 03-10 (Mon); L = 4 is due 03-07 (Fri).
    expect(clock({ accepted: '2025-03-03', limit: 4 }, '2025-03-08').colour).toBe('red');
  });

  it('of a 即办件 is yellow on its acceptance date and red the next day', () => {
    expect(clock({ accepted: '2025-03-03', limit: 0 }, '2025-03-03').colour).toBe('yellow');
    expect(clock({ accepted: '2025-03-03', limit: 0 }, '2025-03-04').colour).toBe('red');
  });

  it('shows paused beside the colour while a stop is open', () => {
    const events = [ev('suspended', '2025-03-12', '10:00', { procedure: 'expert_review' })];
    const result = clock({ ...ten, events }, '2025-03-20');
    expect(result).toMatchObject({ colour: 'green', paused: true, elapsedDays: 7 });
  });

  it('is absent for concluded, withdrawn and rejected cases', () => {
    expect(clock({ ...ten, concluded: '2025-03-05' }, '2025-03-20').colour).toBeNull();
    const withdrawn = clock(
      { ...ten, status: 'withdrawn', events: [ev('withdrawn', '2025-03-05')] },
      '2025-03-20'
    );
    expect(withdrawn).toMatchObject({ colour: null, open: false, elapsedDays: 2 });
  });
});

describe('on time and processing time', () => {
  // L = 5 from 2025-03-03: due 03-10; statutory 8: 03-11, 12, 13 → due 03-13.
  const five = { accepted: '2025-03-03', limit: 5, statutory: 8 } as const;

  it('a case concluded at 23:59 on its due date is on time', () => {
    const result = clock({ ...five, concluded: '2025-03-10', concludedTime: '23:59' }, '2025-03-20');
    expect(result.promised.onTime).toBe(true);
    expect(result.processingDays).toBe(5);
  });

  it('a case concluded at 00:01 the day after (local time) is late', () => {
    const result = clock({ ...five, concluded: '2025-03-11', concludedTime: '00:01' }, '2025-03-20');
    expect(result.promised).toMatchObject({ onTime: false, overdue: true });
    expect(result.statutory).toMatchObject({ onTime: true, overdue: false });
    expect(result.processingDays).toBe(6);
  });

  it('a same-day conclusion takes 0 working days', () => {
    expect(clock({ ...five, concluded: '2025-03-03' }, '2025-03-03').processingDays).toBe(0);
  });

  it('a conclusion on a Saturday counts up to the Friday: 4 days, on time', () => {
    const result = clock({ ...five, concluded: '2025-03-08' }, '2025-03-20');
    expect(result).toMatchObject({ processingDays: 4, promised: { onTime: true } });
  });

  it('a case concluded after the statutory due date is past it (超法定时限)', () => {
    const result = clock({ ...five, concluded: '2025-03-14' }, '2025-03-20');
    expect(result.statutory).toMatchObject({ onTime: false, overdue: true });
  });

  it('an open case is past the statutory deadline the day after it, not on it', () => {
    expect(clock(five, '2025-03-13').statutory.overdue).toBe(false);
    expect(clock(five, '2025-03-14').statutory.overdue).toBe(true);
  });

  it('withdrawn and rejected cases are neither on time nor late', () => {
    for (const status of ['withdrawn', 'rejected'] as const) {
      const result = clock({ ...five, status, events: [ev(status, '2025-03-20')] }, '2025-03-25');
      expect(result.promised).toMatchObject({ onTime: null, overdue: false });
      expect(result.statutory).toMatchObject({ onTime: null, overdue: false });
      expect(result.processingDays).toBeNull();
    }
  });

  it('a case never accepted has no clock', () => {
    const result = clock(
      { accepted: null, limit: 5, status: 'rejected', received: '2025-03-03' },
      '2025-03-20'
    );
    expect(result).toMatchObject({
      acceptedOn: null,
      open: false,
      elapsedDays: null,
      colour: null,
      promised: { dueOn: null, onTime: null },
      statutory: { dueOn: null, onTime: null }
    });
    expect(result.trace[0].kind).toBe('no_clock');
  });
});

describe('the flags', () => {
  it('late_one_time_notice: a pre-acceptance request 5 WD after receipt is not flagged, 6 WD is', () => {
    // Received 2025-03-03: (03-03, 03-10] = 04, 05, 06, 07, 10 = 5; 03-11 is the 6th.
    const spec = (date: string) => ({
      accepted: '2025-03-20',
      limit: 5,
      received: '2025-03-03',
      events: [ev('correction_requested', date), ev('correction_received', '2025-03-14')]
    });
    expect(clock(spec('2025-03-10'), '2025-03-20').flags).not.toContain('late_one_time_notice');
    const late = clock(spec('2025-03-11'), '2025-03-20');
    expect(late.flags).toContain('late_one_time_notice');
    expect(late.acceptedOn).toBe('2025-03-20'); // the clock still starts at the recorded acceptance
  });

  it('late_one_time_notice counts across National Day: 10-10 is the 5th WD after 09-26, 10-11 the 6th', () => {
    // (09-26, 10-10]: 09-28 (Sun), 29, 30, 10-09, 10-10 = 5; 10-11 (Sat, make-up) = 6.
    const spec = (date: string) => ({
      accepted: '2025-10-15',
      limit: 5,
      received: '2025-09-26',
      events: [ev('correction_requested', date)]
    });
    expect(clock(spec('2025-10-10'), '2025-10-15').flags).toEqual([]);
    expect(clock(spec('2025-10-11'), '2025-10-15').flags).toEqual(['late_one_time_notice']);
  });

  it('late_one_time_notice is raised on a case that was never accepted', () => {
    const result = clock(
      {
        accepted: null,
        limit: 5,
        status: 'rejected',
        received: '2025-03-03',
        events: [ev('correction_requested', '2025-03-12')]
      },
      '2025-03-20'
    );
    expect(result.flags).toEqual(['late_one_time_notice']);
  });

  it('late_delivery: delivered 10 WD after conclusion is not flagged, 11 WD is', () => {
    // Concluded 2025-03-03: (03-03, 03-17] = 10 WD; 03-18 is the 11th.
    const spec = (delivered: string) => ({
      accepted: '2025-02-24',
      limit: 20,
      concluded: '2025-03-03',
      delivered
    });
    expect(clock(spec('2025-03-17'), '2025-03-20').flags).not.toContain('late_delivery');
    expect(clock(spec('2025-03-18'), '2025-03-20').flags).toContain('late_delivery');
  });

  it('late_delivery counts across National Day: 10-16 is 10 WD after 09-26, 10-17 is 11', () => {
    // (09-26, 10-16]: 09-28, 29, 30 (3), 10-09, 10, 11 (6), 13, 14, 15, 16 (10).
    const spec = (delivered: string) => ({
      accepted: '2025-09-22',
      limit: 5,
      concluded: '2025-09-26',
      delivered
    });
    expect(clock(spec('2025-10-16'), '2025-10-20').flags).toEqual([]);
    expect(clock(spec('2025-10-17'), '2025-10-20').flags).toEqual(['late_delivery']);
  });

  it('immediate_not_same_day: a 即办件 concluded the same day is fine, the next day is flagged', () => {
    expect(clock({ accepted: '2025-03-03', limit: 0, concluded: '2025-03-03' }, '2025-03-03').flags).toEqual(
      []
    );
    const late = clock({ accepted: '2025-03-03', limit: 0, concluded: '2025-03-04' }, '2025-03-04');
    expect(late.flags).toEqual(['immediate_not_same_day']);
    expect(late.promised.onTime).toBe(false);
    expect(late.processingDays).toBe(1);
  });

  it('immediate_not_same_day: a 即办件 still open is flagged only after its acceptance date', () => {
    expect(clock({ accepted: '2025-03-07', limit: 0 }, '2025-03-07').flags).toEqual([]);
    expect(clock({ accepted: '2025-03-07', limit: 0 }, '2025-03-08').flags).toEqual([
      'immediate_not_same_day'
    ]);
  });

  it('repeated_stops: two stops are not flagged, three are (of either kind)', () => {
    const two = [
      ev('correction_requested', '2025-03-04'),
      ev('correction_received', '2025-03-05'),
      ev('suspended', '2025-03-06'),
      ev('resumed', '2025-03-07')
    ];
    expect(clock({ accepted: '2025-03-03', limit: 10, events: two }, '2025-03-20').flags).toEqual([]);
    const three = [...two, ev('correction_requested', '2025-03-10'), ev('correction_received', '2025-03-11')];
    expect(clock({ accepted: '2025-03-03', limit: 10, events: three }, '2025-03-20').flags).toEqual([
      'repeated_stops'
    ]);
  });

  it('invalid_extension comes with the rejected extension and its reason', () => {
    const events = [ev('extended', '2025-03-31', '10:00', { days: 3 })];
    const result = clock({ accepted: '2025-03-03', limit: 5, statutory: 5 }, '2025-03-31');
    expect(result.flags).toEqual([]);
    const late = clock({ accepted: '2025-03-03', limit: 5, statutory: 5, events }, '2025-03-31');
    expect(late.flags).toEqual(['invalid_extension']);
    expect(late.invalidExtensions).toMatchObject([
      { on: '2025-03-31', reason: 'late', dueBefore: '2025-03-10' }
    ]);
  });
});
