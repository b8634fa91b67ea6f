import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/lib/server/audit/audit.repository';
import { createApiToken } from '../../src/lib/server/auth/api-tokens.service';
import { KPI_NAMES } from '../../src/lib/server/kpis/kpi-definitions';
import { startProductServer, type ProductServer } from '../helpers/product-server';
import { createTestDatabases, type TestDatabases } from '../helpers/test-databases';

// GET /api/v1/kpis through the running product: the shape of interfaces.md and a 400
// naming the parameter. The figures themselves are tested in tests/db/kpis.test.ts.

describe('GET /api/v1/kpis', () => {
  let t: TestDatabases;
  let server: ProductServer;
  let token: string;

  beforeAll(async () => {
    t = await createTestDatabases();
    ({ token } = await createApiToken(t.db, SYSTEM_ACTOR, 'e2e'));
    server = await startProductServer({
      DATABASE_URL: t.urls.product,
      SOURCE_DATABASE_URL: t.urls.sourceReader
    });
  });
  afterAll(async () => {
    await server?.stop();
    await t?.destroy();
  });

  const get = (query: string) =>
    fetch(`${server.baseUrl}/api/v1/kpis${query}`, { headers: { authorization: `Bearer ${token}` } });

  it('answers { from, to, figures } with every name, counts 0 and rates null on an empty world', async () => {
    const response = await get('?from=2025-01-01&to=2025-12-31&section=S01');
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      from: string;
      to: string;
      figures: Record<string, { value: number | null; numerator?: number; denominator?: number }>;
    };
    expect(body.from).toBe('2025-01-01');
    expect(body.to).toBe('2025-12-31');
    expect(Object.keys(body.figures).sort()).toEqual([...KPI_NAMES].sort());
    expect(body.figures.received).toEqual({ value: 0 });
    expect(body.figures.on_time_rate_promised).toEqual({ value: null, numerator: 0, denominator: 0 });
  });

  it.each([
    ['', 'from'],
    ['?from=2025-02-30&to=2025-03-01', 'from'],
    ['?from=2025-01-01', 'to'],
    ['?from=2025-03-02&to=2025-03-01', 'to'],
    ['?from=2022-01-01&to=2025-01-01', 'to'],
    ['?from=2025-01-01&to=2025-01-31&section=%27%3B', 'section']
  ])('answers %s with a 400 naming %s', async (query, parameter) => {
    const response = await get(query);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'bad_parameter', parameter } });
  });
});
