import { areaRoles } from '$lib/navigation';
import { requireRole, sectionScope } from '$lib/server/auth/guard';
import { FLAG_NAMES } from '$lib/server/clock/labels';
import type { ClockFlag } from '$lib/server/clock/types';
import { getDb } from '$lib/server/db/index';
import { countLightsByHandler } from '$lib/server/warnings/lights-by-handler.repository';
import { countFlags, countLightsBySection, listLitCases } from '$lib/server/warnings/warnings.repository';
import type { PageServerLoad } from './$types';

// 逾期预警: the lights of the open cases now, by section, the most urgent cases, the legal
// violations (past the statutory deadline) apart, and the clock's flags.
export const load: PageServerLoad = async (event) => {
  const user = requireRole(event, ...areaRoles('/warnings'));
  const scope = sectionScope(user);
  const db = getDb();
  const [sections, red, yellow, statutory, flags, handlers] = await Promise.all([
    countLightsBySection(db, scope),
    listLitCases(db, scope, 'red'),
    listLitCases(db, scope, 'yellow'),
    listLitCases(db, scope, 'statutory'),
    countFlags(db, scope),
    countLightsByHandler(db, scope)
  ]);
  const n = (v: string) => Number(v);
  const bySection = sections.map((s) => ({
    ...s,
    open: n(s.open),
    yellow: n(s.yellow),
    red: n(s.red),
    paused: n(s.paused),
    statutory_overdue: n(s.statutory_overdue)
  }));
  const total = (key: 'open' | 'yellow' | 'red' | 'paused' | 'statutory_overdue') =>
    bySection.reduce((sum, s) => sum + s[key], 0);
  return {
    totals: {
      open: total('open'),
      yellow: total('yellow'),
      red: total('red'),
      paused: total('paused'),
      statutoryOverdue: total('statutory_overdue')
    },
    bySection,
    byHandler: handlers.map((h) => ({
      staff_no: h.staff_no,
      name: h.name,
      open: n(h.open),
      yellow: n(h.yellow),
      red: n(h.red),
      statutory_overdue: n(h.statutory_overdue)
    })),
    red,
    yellow,
    statutory,
    flags: flags.map((f) => ({
      flag: f.flag,
      label: FLAG_NAMES[f.flag as ClockFlag] ?? f.flag,
      count: n(f.n)
    }))
  };
};
