import { percentile } from './stats';
import { SESSION_COOKIE } from '../../src/lib/server/auth/identity';
import type { LoadPlan, VirtualUser } from './load-users';

// The virtual users of the load test: each loops over a click path (overview with a
// period, warnings, a filtered case list, a case page, the KPI API with a token) with
// Node's fetch (undici) on loopback, reads every body to the end, and records the
// latency, the status and network errors of every request. A redirect counts as an
// error (a signed-in user is never sent to /login on these pages).

export type PageName = 'overview' | 'warnings' | 'case list' | 'case page' | 'KPI API';

export interface Sample {
  page: PageName;
  ms: number;
  /** HTTP status, or 0 for a network error / timeout. */
  status: number;
  /** Body size in bytes. */
  bytes: number;
  at: number;
  /** Date.now() when sent, to tell requests during a sync run from the others. */
  wall: number;
}

export interface RunOptions {
  baseUrl: string;
  plan: LoadPlan;
  /** Mean think time between two clicks of one user, ms (uniform over 0.5–1.5 × mean; 0 = none). */
  thinkMs: number;
  /** Stop issuing requests at this instant (performance.now()); requests in flight finish. */
  until: number;
  /** Samples before this instant are the warm-up and are dropped. */
  recordFrom: number;
  /** Only these pages of the click path (--pages, to look at one page alone). */
  pages: readonly PageName[];
}

const PRESETS = ['this_month', 'last_month', 'this_quarter', 'this_year', 'last_30_days'];
const COLOURS = ['red', 'yellow', 'green'];
const STATUSES = ['accepted', 'suspended', 'concluded'];
const REQUEST_TIMEOUT_MS = 30_000;

const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function clickPath(user: VirtualUser, plan: LoadPlan): [PageName, string][] {
  const section = user.section ?? pick(plan.sections);
  const caseNo = pick(plan.casesBySection.get(section) ?? [...plan.casesBySection.values()][0]);
  // A leader looks at the whole bureau or cuts by a section; a section head is held to theirs.
  const cut = user.role === 'leader' && Math.random() < 0.3 ? `&section=${section}` : '';
  const listFilter =
    Math.random() < 0.5 ? `colour=${pick(COLOURS)}` : `status=${pick(STATUSES)}&section=${section}`;
  const month = new Date().toISOString().slice(0, 7);
  return [
    ['overview', `/?period=${pick(PRESETS)}${cut}`],
    ['warnings', '/warnings'],
    ['case list', `/cases?${listFilter}`],
    ['case page', `/cases/${encodeURIComponent(caseNo)}`],
    ['KPI API', `/api/v1/kpis?from=${month}-01&to=${new Date().toISOString().slice(0, 10)}${cut}`]
  ];
}

async function request(
  baseUrl: string,
  page: PageName,
  url: string,
  headers: Record<string, string>
): Promise<Omit<Sample, 'at' | 'wall'>> {
  const started = performance.now();
  try {
    const response = await fetch(baseUrl + url, {
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
    });
    const body = await response.arrayBuffer();
    return { page, ms: performance.now() - started, status: response.status, bytes: body.byteLength };
  } catch {
    return { page, ms: performance.now() - started, status: 0, bytes: 0 };
  }
}

async function userLoop(user: VirtualUser, options: RunOptions, samples: Sample[]): Promise<void> {
  const { baseUrl, plan, thinkMs, until, recordFrom, pages } = options;
  const cookie = { cookie: `${SESSION_COOKIE}=${user.cookie}` };
  const bearer = { authorization: `Bearer ${plan.apiToken}` };
  // Users do not start in lock-step.
  await sleep(Math.random() * Math.max(thinkMs, 200));
  while (performance.now() < until) {
    for (const [page, url] of clickPath(user, plan)) {
      if (!pages.includes(page)) continue;
      if (performance.now() >= until) return;
      const [at, wall] = [performance.now(), Date.now()];
      const sample = await request(baseUrl, page, url, page === 'KPI API' ? bearer : cookie);
      if (at >= recordFrom) samples.push({ ...sample, at, wall });
      if (thinkMs > 0) await sleep(thinkMs * (0.5 + Math.random()));
    }
  }
}

export async function runVirtualUsers(options: RunOptions): Promise<Sample[]> {
  const samples: Sample[] = [];
  await Promise.all(options.plan.users.map((u) => userLoop(u, options, samples)));
  return samples;
}

// ---------------------------------------------------------------- statistics

export interface PageStats {
  page: string;
  n: number;
  errors: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
  /** Mean body size, kB. */
  kb: number;
}

export function pageStats(page: string, samples: Sample[]): PageStats {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    page,
    n: samples.length,
    errors: samples.filter((s) => s.status < 200 || s.status > 299).length,
    median: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? NaN,
    kb: samples.reduce((sum, s) => sum + s.bytes, 0) / Math.max(1, samples.length) / 1024
  };
}
