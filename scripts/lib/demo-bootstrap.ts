import { generateDemoSource, sourceHasRows } from '../../src/lib/server/demo/generate-demo';

// Fills the embedded demo source on first start. A source with rows is never touched.
export async function ensureDemoData(writerUrl: string, say: (message: string) => void): Promise<void> {
  if (await sourceHasRows(writerUrl, 'approval')) return;
  const scale = Number(process.env.DEMO_SCALE ?? '1');
  say(`正在生成演示审批数据（18 个月，规模 ${scale}）…`);
  const counts = await generateDemoSource(writerUrl, { seed: 20261125, scale });
  say(`演示数据：${counts.cases.toLocaleString('zh-CN')} 件办件`);
}
