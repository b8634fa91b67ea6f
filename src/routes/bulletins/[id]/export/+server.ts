import { bulletinSheets } from '$lib/server/bulletins/bulletin-export';
import { contentDisposition, toXlsxBook } from '$lib/server/export';
import type { RequestHandler } from './$types';
import { visibleBulletin } from '../load-bulletin';

// GET /bulletins/[id]/export: the bulletin as XLSX, a sheet per section, for whoever may
// read it (a draft's export says 草稿 on its first sheet).
export const GET: RequestHandler = async (event) => {
  const { bulletin: b } = await visibleBulletin(event);
  const now = new Date();
  const body = await toXlsxBook(
    bulletinSheets(
      {
        title: b.title,
        month: b.month,
        status: b.status,
        number: b.number,
        commentary: b.commentary,
        correctionNote: b.correction_note,
        correctsNumber: b.correctsNumber,
        publishedAt: b.published_at,
        content: b.content
      },
      now
    ),
    b.title
  );
  const name = `${b.number ?? `${b.month}-草稿`}-${b.title}`;
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': contentDisposition(`${name}.xlsx`, `bulletin-${b.id}.xlsx`),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff'
    }
  });
};
