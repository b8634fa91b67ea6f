// Loaded into the web server by `npm run bench -- load --profile DIR` (NODE_OPTIONS
// --import; `--cpu-prof` itself is refused there): a V8 CPU profile of the whole run,
// written to DIR/<pid>.cpuprofile when the process exits.
import { Session } from 'node:inspector';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  process.on('exit', () => {
    // A same-thread session answers synchronously, so this runs within the exit handler.
    session.post('Profiler.stop', (error, result: { profile: object }) => {
      if (error) return;
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
