import { readSourceSchema } from '../src/lib/server/config';
import { describeContractProblems, findContractProblems } from '../src/lib/server/source/contract-check';
import type { JobDefinition } from '../src/lib/server/jobs/job';

// Checks that the approval database still offers the contract's relations and columns:
// a vendor's upgrade that drops a column shows up here, and on the status page, before
// it breaks a sync.
export const sourceCheckJob: JobDefinition = {
  name: 'source-check',
  title: '数据源契约检查',
  async run({ source }) {
    const schema = readSourceSchema();
    const problems = await findContractProblems(source, schema);
    if (problems.length) throw new Error(describeContractProblems(schema, problems));
    return { rowsTouched: 0, message: '数据源符合契约' };
  }
};
