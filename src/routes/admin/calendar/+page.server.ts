import { fail } from '@sveltejs/kit';
import { areaRoles } from '$lib/navigation';
import { actorOf } from '$lib/server/auth/actor';
import { requireRole } from '$lib/server/auth/guard';
import {
  applyYearImport,
  previewYearImport,
  removeCalendarDay,
  setCalendarDay,
  setYearStatus,
  type CalendarChange,
  type ImportSource
} from '$lib/server/calendar/calendar-admin.service';
import {
  CalendarValidationError,
  parseYear,
  validateDayForm,
  validateYearForm,
  type FieldErrors
} from '$lib/server/calendar/calendar-edit';
import { listYearMonths, listYearOverviews } from '$lib/server/calendar/calendar-overview';
import { CalendarImportError, isIsoDate } from '$lib/server/calendar/import-plan';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { readConfig } from '$lib/server/config';
import { getDb } from '$lib/server/db/index';
import type { Actions, PageServerLoad } from './$types';

// 工作日历: the years and their status, the exception days of one year, and the forms that
// change them. Every change goes through calendar-admin.service (one transaction: the
// days, the audit entry, the recomputed deadlines).

const ROLES = areaRoles('/admin/calendar');
/** Below adapter-node's default BODY_SIZE_LIMIT (512 KB); a year's ICS is a few KB. */
const MAX_FILE_BYTES = 400_000;
const MAX_NOTICE_CHARS = 20_000;

export const load: PageServerLoad = async (event) => {
  requireRole(event, ...ROLES);
  const today = bureauToday();
  const year = parseYear(event.url.searchParams.get('year')) ?? Number(today.slice(0, 4));
  const [years, months] = await Promise.all([
    listYearOverviews(getDb(), today, year),
    listYearMonths(getDb(), year)
  ]);
  const selected = years.find((y) => y.year === year)!; // listed: passed as `also`
  return { year, years, selected, months };
};

const options = () => ({ databaseUrl: readConfig().databaseUrl });
const field = (form: FormData, name: string) => String(form.get(name) ?? '');

/** What the page shows after a change. */
function done(message: string, year: number, change: CalendarChange) {
  return {
    done: {
      message,
      year,
      applies: change.applies,
      cases: change.recompute.cases,
      changed: change.recompute.changed
    }
  };
}

export const actions: Actions = {
  setDay: async (event) => {
    const admin = requireRole(event, ...ROLES);
    const form = await event.request.formData();
    const values = { date: field(form, 'date'), working: field(form, 'working'), note: field(form, 'note') };
    const checked = validateDayForm(values);
    if ('errors' in checked) return fail(400, { which: 'setDay' as const, values, errors: checked.errors });
    const { day } = checked;
    const change = await setCalendarDay(actorOf(admin, event.getClientAddress()), day, options());
    const what = day.working ? '调休上班' : '放假';
    return done(
      `已将 ${day.date} 设为${what}${day.note ? `（${day.note}）` : ''}`,
      Number(day.date.slice(0, 4)),
      change
    );
  },

  removeDay: async (event) => {
    const admin = requireRole(event, ...ROLES);
    const date = field(await event.request.formData(), 'date');
    if (!isIsoDate(date))
      return fail(400, {
        which: 'removeDay' as const,
        errors: { date: '日期格式应为 YYYY-MM-DD' } as FieldErrors
      });
    try {
      const change = await removeCalendarDay(actorOf(admin, event.getClientAddress()), date, options());
      return done(`已删除 ${date} 的例外设置，该日按周一至周五计算`, Number(date.slice(0, 4)), change);
    } catch (error) {
      if (error instanceof CalendarValidationError)
        return fail(400, { which: 'removeDay' as const, errors: error.fields });
      throw error;
    }
  },

  setYear: async (event) => {
    const admin = requireRole(event, ...ROLES);
    const form = await event.request.formData();
    const values = {
      year: field(form, 'year'),
      confirmed: field(form, 'confirmed') === 'true',
      notice: field(form, 'notice')
    };
    const checked = validateYearForm(values);
    if ('errors' in checked) return fail(400, { which: 'setYear' as const, values, errors: checked.errors });
    try {
      const change = await setYearStatus(
        actorOf(admin, event.getClientAddress()),
        { year: checked.year, confirmed: values.confirmed, notice: checked.notice },
        options()
      );
      const what = values.confirmed ? '确认，按通知计算工作日' : '改为未确认，按周一至周五计算工作日';
      return done(`${checked.year} 年已${what}`, checked.year, change);
    } catch (error) {
      if (error instanceof CalendarValidationError)
        return fail(400, { which: 'setYear' as const, values, errors: error.fields });
      throw error;
    }
  },

  preview: async (event) => {
    requireRole(event, ...ROLES);
    const form = await event.request.formData();
    const values = {
      kind: field(form, 'kind') === 'notice' ? ('notice' as const) : ('ics' as const),
      year: field(form, 'year'),
      confirm: field(form, 'confirm') === 'on',
      notice: field(form, 'notice').trim(),
      text: field(form, 'text')
    };
    const errors: FieldErrors = {};
    const year = parseYear(values.year);
    if (year === null) errors.year = '请选择要导入的年份';
    if (values.confirm && !values.notice) errors.notice = '同时确认该年时，请填写放假通知的名称或文号';
    if (values.notice.length > 200) errors.notice = '通知名称最多 200 个字';
    let source: ImportSource | null = null;
    if (values.kind === 'ics') {
      const file = form.get('file');
      if (!(file instanceof File) || file.size === 0) errors.file = '请选择一个 ICS 文件';
      else if (file.size > MAX_FILE_BYTES) errors.file = 'ICS 文件不能超过 400 KB';
      else source = { kind: 'ics', text: await file.text(), fileName: file.name.slice(0, 200) };
    } else if (!values.text.trim()) errors.text = '请粘贴放假通知的正文';
    else if (values.text.length > MAX_NOTICE_CHARS) errors.text = `通知正文不能超过 ${MAX_NOTICE_CHARS} 个字`;
    else source = { kind: 'notice', text: values.text };
    const fail400 = (e: FieldErrors) => fail(400, { which: 'import' as const, values, errors: e });
    if (Object.keys(errors).length || !source || year === null) return fail400(errors);
    try {
      const preview = await previewYearImport(getDb(), {
        source,
        year,
        confirmWith: values.confirm ? values.notice : null
      });
      return {
        preview: {
          kind: source.kind,
          fileName: source.fileName ?? null,
          sourceText: source.text,
          year,
          confirmWith: values.confirm ? values.notice : null,
          base: preview.base,
          yearBefore: preview.yearBefore,
          exceptions: preview.plan.exceptions.length,
          ignored: preview.plan.ignored,
          diff: preview.diff
        }
      };
    } catch (error) {
      if (error instanceof CalendarImportError)
        return fail400({ [source.kind === 'ics' ? 'file' : 'text']: error.message });
      throw error;
    }
  },

  applyImport: async (event) => {
    const admin = requireRole(event, ...ROLES);
    const form = await event.request.formData();
    const year = parseYear(field(form, 'year'));
    const kind = field(form, 'kind') === 'notice' ? 'notice' : 'ics';
    const confirmWith = field(form, 'confirmWith').trim() || null;
    const sourceText = field(form, 'sourceText');
    if (year === null || sourceText.length > MAX_FILE_BYTES || (confirmWith ?? '').length > 200) {
      return fail(400, {
        which: 'import' as const,
        errors: { form: '导入内容无效，请重新预览' } as FieldErrors
      });
    }
    try {
      const change = await applyYearImport(
        actorOf(admin, event.getClientAddress()),
        {
          source: { kind, text: sourceText, fileName: field(form, 'fileName') || null },
          year,
          confirmWith,
          base: field(form, 'base')
        },
        options()
      );
      const { added, removed, changed } = change.diff;
      const counts = `新增 ${added.length} 天、删除 ${removed.length} 天、修改 ${changed.length} 天`;
      return done(`已导入 ${year} 年日历：${counts}${confirmWith ? '，并已确认该年' : ''}`, year, change);
    } catch (error) {
      if (error instanceof CalendarImportError)
        return fail(400, { which: 'import' as const, errors: { form: error.message } as FieldErrors });
      throw error;
    }
  }
};
