import { json } from '@sveltejs/kit';
import { areaRoles } from '$lib/navigation';
import { requireRole, sectionScope } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db/index';
import { loadScreen } from '$lib/server/screen/screen.service';
import type { RequestHandler } from './$types';

// The big screen's refresh: the same figures as the page load, as JSON. A signed-out wall
// gets the guard's redirect to /login, which the wall reads as "session expired" (it
// fetches with redirect: 'manual') instead of following it to a sign-in form.
export const GET: RequestHandler = async (event) => {
  const user = requireRole(event, ...areaRoles('/'));
  return json(await loadScreen(getDb(), sectionScope(user)));
};
