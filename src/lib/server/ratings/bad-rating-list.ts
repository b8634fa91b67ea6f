import type { Kysely } from 'kysely';
import { isMarkFilter, maskDigitsInText, type MarkFilter } from '../../rating-marks';
import type { SectionScope } from '../cases/section-scope';
import type { Database } from '../db/database';
import { listBadRatings, type BadRatingRow } from './ratings.repository';
import { readFollowerRequest, type FollowerRequest } from './rating-request';

// The bad-rating list of a URL (/ratings/bad and its export): period, section / window /
// person cut, the mark filter and the page. Comments are shown without the ID and phone
// numbers a citizen may have typed into them.

export const PAGE_SIZE = 50;

export interface BadRatingListRequest extends FollowerRequest {
  mark: MarkFilter | undefined;
  page: number;
}

export async function readBadRatingRequest(
  db: Kysely<Database>,
  params: URLSearchParams,
  scope: SectionScope,
  today: string
): Promise<BadRatingListRequest> {
  const mark = params.get('mark');
  const page = Number(params.get('page'));
  return {
    ...(await readFollowerRequest(db, params, scope, today)),
    mark: isMarkFilter(mark) ? mark : undefined,
    page: Number.isInteger(page) && page > 0 && page < 10_000 ? page : 1
  };
}

export async function loadBadRatingPage(
  db: Kysely<Database>,
  request: BadRatingListRequest,
  limit = PAGE_SIZE
): Promise<{ rows: BadRatingRow[]; hasNext: boolean }> {
  const rows = await listBadRatings(db, request.choice.period, request.filter, {
    mark: request.mark,
    limit: limit + 1,
    offset: (request.page - 1) * limit
  });
  return {
    rows: rows.slice(0, limit).map((r) => ({ ...r, comment: maskDigitsInText(r.comment) })),
    hasNext: rows.length > limit
  };
}
