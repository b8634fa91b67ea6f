import { getDb } from '$lib/server/db/index';
import { countUnread } from '$lib/server/reminders/reminders.repository';
import type { LayoutServerLoad } from './$types';

// Only what the shell shows (name, roles, unread reminders). Permission checks are in each
// page's load, never here: a layout load does not rerun on every navigation. The reminder
// count is one count over a partial index; it refreshes after any form action (enhance
// invalidates all) and on a full load.
export const load: LayoutServerLoad = async ({ locals, depends }) => {
  depends('app:reminders');
  const user = locals.user;
  const unreadReminders =
    user && user.via === 'session' && user.userId !== null && !user.mustChangePassword
      ? await countUnread(getDb(), user.userId)
      : 0;
  return {
    user: user ? { displayName: user.displayName, login: user.login, roles: user.roles } : null,
    unreadReminders
  };
};
