import { sql, type Kysely } from 'kysely';
import { SOURCE_COLUMNS, SOURCE_RELATIONS, type SourceRelation } from './source-tables';

// Checks that the approval database offers every relation and column of the source
// contract (tables or views alike), so that a misconfigured source is named at start
// instead of failing deep inside a sync.

export interface ContractProblem {
  relation: SourceRelation;
  /** Missing columns; empty when the whole relation is missing. */
  missingColumns: string[];
}

export async function findContractProblems(source: Kysely<any>, schema: string): Promise<ContractProblem[]> {
  const rows = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = ${schema}
  `.execute(source);
  const present = new Map<string, Set<string>>();
  for (const row of rows.rows) {
    if (!present.has(row.table_name)) present.set(row.table_name, new Set());
    present.get(row.table_name)!.add(row.column_name);
  }
  const problems: ContractProblem[] = [];
  for (const relation of SOURCE_RELATIONS) {
    const columns = present.get(relation);
    if (!columns) {
      problems.push({ relation, missingColumns: [] });
      continue;
    }
    const missing = SOURCE_COLUMNS[relation].filter((c) => !columns.has(c));
    if (missing.length) problems.push({ relation, missingColumns: missing });
  }
  return problems;
}

export function describeContractProblems(schema: string, problems: ContractProblem[]): string {
  return problems
    .map((p) =>
      p.missingColumns.length
        ? `${schema}.${p.relation} 缺少字段 / lacks columns: ${p.missingColumns.join(', ')}`
        : `缺少关系 / missing relation: ${schema}.${p.relation}`
    )
    .join('\n');
}
