import { generateDemoSource, sourceHasRows } from '../../src/lib/server/demo/generate-demo';
import { createProgressBar } from '../../src/lib/server/demo/progress-bar';

// Fills the embedded demo source on first start. A source with rows is never touched.
export async function ensureDemoData(writerUrl: string, say: (message: string) => void): Promise<void> {
  if (await sourceHasRows(writerUrl, 'approval')) return;
  const scale = Number(process.env.DEMO_SCALE ?? '1');
  say(`正在生成演示审批数据（18 个月，规模 ${scale}）…`);
  const bar = createProgressBar();
  const counts = await generateDemoSource(writerUrl, { scale, onProgress: bar.update });
  bar.done();
  say(
    `演示数据：${counts.cases.toLocaleString('zh-CN')} 件办件，${counts.events.toLocaleString('zh-CN')} 条过程记录（${counts.seconds.toFixed(1)} 秒）`
  );
}
