import { fail } from '@sveltejs/kit';
import { actorOf } from '$lib/server/auth/actor';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/index';
import { listUserReminders } from '$lib/server/reminders/reminders.repository';
import { readAllReminders, readReminder } from '$lib/server/reminders/reminders.service';
import type { Actions, PageServerLoad } from './$types';

// The signed-in user's own reminders (整改提醒), newest first. Every query is filtered by
// the user's id in the repository: nobody sees or marks another user's reminders.

export const load: PageServerLoad = async (event) => {
  const user = requireUser(event);
  const reminders = user.userId === null ? [] : await listUserReminders(getDb(), user.userId);
  return {
    reminders: reminders.map((r) => ({ ...r, defects: r.defects.slice(0, 120) }))
  };
};

export const actions: Actions = {
  read: async (event) => {
    const user = requireUser(event);
    const id = String((await event.request.formData()).get('id') ?? '');
    if (!/^\d{1,18}$/.test(id)) return fail(400, { error: '无效的提醒编号' });
    await readReminder(getDb(), actorOf(user, event.getClientAddress()), id);
    return { read: 1 };
  },
  readAll: async (event) => {
    const user = requireUser(event);
    return { read: await readAllReminders(getDb(), actorOf(user, event.getClientAddress())) };
  }
};
