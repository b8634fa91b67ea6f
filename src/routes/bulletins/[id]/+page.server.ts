import { error, fail, redirect } from '@sveltejs/kit';
import { BULLETIN_DRAFT_ROLES, BULLETIN_WRITE_ROLES } from '$lib/bulletins';
import type { Actor } from '$lib/server/audit/audit.repository';
import { actorOf } from '$lib/server/auth/actor';
import { hasRole, requireRole } from '$lib/server/auth/guard';
import { listCorrections } from '$lib/server/bulletins/bulletins.repository';
import { editCommentary, publishBulletin, refreshBulletin } from '$lib/server/bulletins/bulletins.service';
import { correctBulletin } from '$lib/server/bulletins/correction.service';
import { BulletinError } from '$lib/server/bulletins/write-rules';
import { formatBulletinNumber } from '$lib/server/bulletins/numbering';
import { bureauToday } from '$lib/server/case-clock/bureau-date';
import { getDb } from '$lib/server/db/index';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { visibleBulletin } from './load-bulletin';

// One bulletin laid out as a formal document (it prints on A4). Leaders edit the
// commentary of a draft, refresh its figures and publish it; a published one can only be
// corrected by a new bulletin.

export const load: PageServerLoad = async (event) => {
  const { user, bulletin } = await visibleBulletin(event);
  const corrections = (await listCorrections(getDb(), bulletin.id))
    .filter((c) => c.status === 'published' || hasRole(user, ...BULLETIN_DRAFT_ROLES))
    .map((c) => ({
      id: c.id,
      status: c.status,
      number: formatBulletinNumber(c.number_seq ? { year: c.number_year!, seq: c.number_seq } : null)
    }));
  const { content, ...rest } = bulletin;
  return { bulletin: rest, content, corrections, canWrite: hasRole(user, ...BULLETIN_WRITE_ROLES) };
};

/** A leader's write on this bulletin; the service's refusals become error pages. */
async function write<T>(event: RequestEvent, run: (actor: Actor, id: number) => Promise<T>): Promise<T> {
  const user = requireRole(event, ...BULLETIN_WRITE_ROLES);
  const { bulletin } = await visibleBulletin(event);
  try {
    return await run(actorOf(user, event.getClientAddress()), bulletin.id);
  } catch (e) {
    if (e instanceof BulletinError) error(e.status, { message: e.message, code: 'bulletin' });
    throw e;
  }
}

export const actions: Actions = {
  commentary: async (event) => {
    const form = await event.request.formData();
    const text = String(form.get('commentary') ?? '');
    const outcome = await write(event, (actor, id) => editCommentary(getDb(), actor, id, text));
    if (!outcome.ok) return fail(400, { action: 'commentary', errors: outcome.errors, commentary: text });
    return { action: 'commentary', saved: true };
  },
  refresh: async (event) => {
    await write(event, (actor, id) => refreshBulletin(getDb(), actor, id, bureauToday()));
    return { action: 'refresh', refreshed: true };
  },
  publish: async (event) => {
    requireRole(event, ...BULLETIN_WRITE_ROLES);
    const form = await event.request.formData();
    if (form.get('confirm') !== 'yes') {
      return fail(400, {
        action: 'publish',
        errors: { confirm: '请先勾选确认：发布后通报将编号且不能再修改' }
      });
    }
    const { number } = await write(event, (actor, id) => publishBulletin(getDb(), actor, id));
    return { action: 'publish', published: number };
  },
  correct: async (event) => {
    const form = await event.request.formData();
    const note = String(form.get('note') ?? '');
    const outcome = await write(event, (actor, id) =>
      correctBulletin(getDb(), actor, id, note, bureauToday())
    );
    if (!outcome.ok) return fail(400, { action: 'correct', errors: outcome.errors, note });
    redirect(303, `/bulletins/${outcome.id}`);
  }
};
