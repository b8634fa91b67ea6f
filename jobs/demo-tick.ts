import type { JobDefinition } from '../src/lib/server/jobs/job';
import { advanceDemoMinute } from '../src/lib/server/demo/demo-tick';

// Keeps the built-in demo alive: every minute the demo approval database moves on by one
// minute of the bureau's day (new applications, acceptances, decisions, deliveries,
// ratings). Refuses to run against anything but the embedded demo source.
export const demoTickJob: JobDefinition = {
  name: 'demo-tick',
  title: '演示数据推进',
  async run({ demoSourceWriter }) {
    if (!demoSourceWriter) {
      throw new Error('demo-tick 只在内置演示数据源上运行 / demo-tick only runs on the built-in demo source');
    }
    return advanceDemoMinute(demoSourceWriter);
  }
};
