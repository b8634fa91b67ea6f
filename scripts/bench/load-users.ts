import pg from 'pg';
import { hashPassword } from '../../src/lib/server/auth/password';
import { newSecret, secretHash } from '../../src/lib/server/auth/tokens';
import { TOKEN_PREFIX } from '../../src/lib/server/auth/api-tokens.service';
import { SESSION_ABSOLUTE_MS } from '../../src/lib/server/auth/identity';

// The load test's signed-in users, written straight into the product database as the
// session service writes them (a session row keyed by the SHA-256 of a random cookie):
// signing 200 users in through /login would only measure argon2 200 times. Idempotent
// over kept worlds: the users are upserted by login, their old sessions replaced.

export interface VirtualUser {
  login: string;
  role: 'leader' | 'section_head';
  /** The section of a section head; null for a leader. */
  section: string | null;
  cookie: string;
}

export interface LoadPlan {
  users: VirtualUser[];
  apiToken: string;
  /** Case numbers to open, by section code (a section head opens only their own). */
  casesBySection: Map<string, string[]>;
  sections: string[];
}

const CASES_PER_SECTION = 200;

export async function prepareUsers(
  superuserUrl: string,
  count: number,
  leaderShare = 0.5
): Promise<LoadPlan> {
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    // Cases of the last 90 days, spread over the sections (a sample, not the newest only).
    const sample = await client.query<{ code: string; case_no: string }>(
      `SELECT code, case_no FROM (
         SELECT s.code, c.case_no, row_number() OVER (PARTITION BY s.code ORDER BY random()) AS n
         FROM cases c JOIN matters m ON m.id = c.matter_id JOIN sections s ON s.id = m.section_id
         WHERE c.received_at > (SELECT max(received_at) FROM cases) - interval '90 days'
       ) t WHERE n <= $1`,
      [CASES_PER_SECTION]
    );
    const casesBySection = new Map<string, string[]>();
    for (const r of sample.rows) {
      const list = casesBySection.get(r.code) ?? [];
      list.push(r.case_no);
      casesBySection.set(r.code, list);
    }
    const sections = [...casesBySection.keys()].sort();
    if (sections.length === 0) throw new Error('the product has no recent cases: was the world synced?');
    const hash = await hashPassword('bench-load-password');
    const users: VirtualUser[] = [];
    const now = new Date();
    await client.query('BEGIN');
    await client.query(
      `DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE login LIKE 'load-%')`
    );
    for (let i = 0; i < count; i++) {
      const leader = i < Math.round(count * leaderShare);
      const section = leader ? null : sections[i % sections.length];
      const login = `load-${String(i + 1).padStart(4, '0')}`;
      const role = leader ? 'leader' : 'section_head';
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO users (login, display_name, roles, section_codes, password_hash, must_change_password)
         VALUES ($1, $2, $3::text[], $4::text[], $5, false)
         ON CONFLICT (login) DO UPDATE SET roles = EXCLUDED.roles, section_codes = EXCLUDED.section_codes,
           active = true, locked_until = NULL
         RETURNING id`,
        [login, `压测用户 ${i + 1}`, [role], section ? [section] : [], hash]
      );
      const cookie = newSecret();
      await client.query(
        `INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent)
         VALUES ($1, $2, $3, $3, $4, '127.0.0.1', 'bench-load')`,
        [secretHash(cookie), rows[0].id, now, new Date(now.getTime() + SESSION_ABSOLUTE_MS)]
      );
      users.push({ login, role, section, cookie });
    }
    const apiToken = newSecret(TOKEN_PREFIX);
    await client.query(`INSERT INTO api_tokens (name, token_hash, created_by) VALUES ($1, $2, 'bench')`, [
      `load-${now.toISOString()}`,
      secretHash(apiToken)
    ]);
    await client.query('COMMIT');

    return { users, apiToken, casesBySection, sections };
  } finally {
    await client.end();
  }
}
