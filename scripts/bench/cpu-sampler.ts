import { readdirSync, readFileSync } from 'node:fs';

// CPU time by process group during the load test, from /proc (Linux): the web server
// (the process tree of its start script), PostgreSQL (the postmaster and its backends)
// and this benchmark, plus the machine's busy share. Sampled every second and summed
// per pid, so backends that exit in between (each sync pass opens its own) still count
// up to their last sample. Elsewhere than Linux it reports nothing.

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface ProcStat {
  ppid: number;
  ticks: number;
}

function readStat(pid: string): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = cpu[3] + cpu[4];
  return { busy: total - idle, total };
}

export interface CpuReport {
  seconds: number;
  /** Cores used on average by each group (1.0 = one core fully busy). */
  cores: Record<string, number>;
  /** Share of all the machine's cores busy (every process, other workers included). */
  machineBusy: number;
}

export function startCpuSampler(roots: Record<string, number>): { stop(): CpuReport } {
  const first = new Map<number, number>();
  const last = new Map<number, { group: string; ticks: number }>();
  const started = performance.now();
  let initial = true; // processes born later count from zero
  let machineStart: { busy: number; total: number };
  try {
    machineStart = machineTicks();
  } catch {
    return { stop: () => ({ seconds: 0, cores: {}, machineBusy: NaN }) };
  }
  const sample = () => {
    const stats = new Map<number, ProcStat>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const s = readStat(entry);
      if (s) stats.set(Number(entry), s);
    }
    const groupOf = (pid: number): string | null => {
      for (let p = pid, depth = 0; p > 1 && depth < 20; depth++) {
        for (const [group, root] of Object.entries(roots)) if (p === root) return group;
        p = stats.get(p)?.ppid ?? 0;
      }
      return null;
    };
    for (const [pid, s] of stats) {
      const group = groupOf(pid);
      if (!group) continue;
      if (!first.has(pid)) first.set(pid, initial ? s.ticks : 0);
      last.set(pid, { group, ticks: s.ticks });
    }
  };
  sample();
  initial = false;
  const timer = setInterval(sample, 1000);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const seconds = (performance.now() - started) / 1000;
      const cores: Record<string, number> = {};
      for (const [pid, { group, ticks }] of last) {
        cores[group] = (cores[group] ?? 0) + (ticks - (first.get(pid) ?? 0)) / TICKS_PER_SECOND / seconds;
      }
      const m = machineTicks();
      return { seconds, cores, machineBusy: (m.busy - machineStart.busy) / (m.total - machineStart.total) };
    }
  };
}
