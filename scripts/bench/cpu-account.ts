import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// CPU seconds spent by an embedded PostgreSQL (every backend, worker and the processes it
// already reaped) and by this Node process, read from /proc (Linux). Benchmarks print them
// next to wall-clock times: on two cores, a job that needs 40 CPU seconds cannot finish in
// less than 20, whatever it overlaps.

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export interface CpuSeconds {
  postgres: number;
  node: number;
}

export function cpuMeter(clusterBaseDir: string): () => CpuSeconds {
  const pidFile = path.join(clusterBaseDir, 'pg', 'postmaster.pid');
  const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  return () => ({ postgres: postgresSeconds(postmaster), node: nodeSeconds() });
}

/** The CPU spent between two readings. */
export function cpuSince(before: CpuSeconds, after: CpuSeconds): CpuSeconds {
  return { postgres: after.postgres - before.postgres, node: after.node - before.node };
}

export function describeCpu(cpu: CpuSeconds, wallSeconds: number): string {
  const total = cpu.postgres + cpu.node;
  return (
    `CPU ${total.toFixed(1)} s (PostgreSQL ${cpu.postgres.toFixed(1)}, Node ${cpu.node.toFixed(1)}) ` +
    `= ${(total / wallSeconds).toFixed(2)} cores busy`
  );
}

function nodeSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** Fields after the command name of /proc/PID/stat (the name may hold spaces). */
function statFields(pid: number | string): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null; // the process ended between the listing and the read
  }
}

function postgresSeconds(postmaster: number): number {
  const own = statFields(postmaster);
  if (!own) return 0;
  // utime, stime, cutime, cstime: the postmaster's own and that of its reaped children.
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (fields && Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / TICKS_PER_SECOND;
}
