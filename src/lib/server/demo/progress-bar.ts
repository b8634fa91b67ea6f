import type { GenerateProgress } from './generate-demo';

// A one-line progress bar on stderr for the demo generator: percentage, the day being
// written, cases so far and cases per second. Redrawn at most ten times a second; when
// stderr is not a terminal it prints a plain line every 10 %.

export function createProgressBar(stream: NodeJS.WriteStream = process.stderr): {
  update(progress: GenerateProgress): void;
  done(): void;
} {
  const width = 30;
  let lastDraw = 0;
  let lastDecile = -1;
  let drawn = false;
  return {
    update(p) {
      const ratio = p.daysTotal ? p.daysDone / p.daysTotal : 1;
      const rate = p.elapsedMs > 0 ? Math.round((p.cases / p.elapsedMs) * 1000) : 0;
      const text =
        p.phase === 'indexes'
          ? `100% ${p.cases.toLocaleString('zh-CN')} 件已写入，正在建立索引…`
          : `${String(Math.floor(ratio * 100)).padStart(3)}% ${p.date}  ` +
            `${p.cases.toLocaleString('zh-CN')} 件  ${rate.toLocaleString('zh-CN')} 件/秒`;
      if (stream.isTTY) {
        const now = Date.now();
        if (now - lastDraw < 100 && p.phase === 'cases' && p.daysDone < p.daysTotal) return;
        lastDraw = now;
        const filled = Math.round(ratio * width);
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}\x1b[K`);
        drawn = true;
      } else {
        const decile = p.phase === 'indexes' ? 11 : Math.floor(ratio * 10);
        if (decile === lastDecile) return;
        lastDecile = decile;
        stream.write(`${text}\n`);
      }
    },
    done() {
      if (drawn) stream.write('\n');
    }
  };
}
