// CPU accounting for the real-time benchmark, from /proc (Linux). The machine may be shared
// with other work, so every measured step records who used the CPU: our processes (by pid),
// PostgreSQL and Redis (every process of that name: shared services), the kernel's network
// softirq time, and everything else ("other").
import { readFileSync, readdirSync } from 'node:fs';

/** utime + stime of one process, in clock ticks. */
export function processTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // fields 14 and 15 of /proc/<pid>/stat
}

/** utime + stime of every process whose command name is `comm` (e.g. all PostgreSQL backends), by pid. */
export function ticksOfCommand(comm) {
  const out = new Map();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== comm) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      /* the process is gone */
    }
  }
  return out;
}

/**
 * Ticks used between two readings of ticksOfCommand(): processes present in both count their
 * difference, processes started in between count whole, processes gone in between are lost
 * (their last ticks are unknown) rather than subtracted.
 */
const ticksBetween = (a, b) => [...b].reduce((sum, [pid, ticks]) => sum + ticks - (a.get(pid) ?? 0), 0);

/** /proc/stat, whole machine and per core: process time (user+nice+system), softirq+irq, total. */
export function machineTicks() {
  const out = {};
  for (const line of readFileSync('/proc/stat', 'utf8').split('\n')) {
    if (!/^cpu\d* /.test(line)) continue;
    const [name, ...rest] = line.split(/\s+/);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = rest.filter(Boolean).map(Number);
    out[name] = {
      process: user + nice + system,
      softirq: irq + softirq,
      busy: user + nice + system + irq + softirq + steal,
      total: user + nice + system + idle + iowait + irq + softirq + steal,
    };
  }
  return out;
}

/** A snapshot to diff later: `pids` is { label: pid } of our own processes. */
export function cpuSnapshot(pids = {}) {
  const own = {};
  for (const [label, pid] of Object.entries(pids)) {
    try {
      own[label] = processTicks(pid);
    } catch {
      own[label] = null;
    }
  }
  return {
    at: process.hrtime.bigint(),
    machine: machineTicks(),
    own,
    postgres: ticksOfCommand('postgres'),
    redis: ticksOfCommand('redis-server'),
  };
}

/**
 * Percent of ONE core used between two snapshots by each of our processes, PostgreSQL, Redis,
 * softirq (network; partly also inside the processes' own figures), and the rest of the machine
 * ("other" = busy time of the machine − our processes − PostgreSQL − Redis); plus how busy each
 * core was (percent of that core).
 */
export function cpuBetween(a, b, clkTck = 100) {
  const seconds = Number(b.at - a.at) / 1e9;
  const pct = (ticks) => Number(((ticks / clkTck / seconds) * 100).toFixed(1));
  const own = Object.fromEntries(
    Object.keys(b.own).map((k) => [k, a.own[k] === null || b.own[k] === null ? null : pct(b.own[k] - a.own[k])]),
  );
  const postgres = pct(ticksBetween(a.postgres, b.postgres));
  const redis = pct(ticksBetween(a.redis, b.redis));
  // Softirq time that runs in a task's context is charged to that task's stime as well, so
  // "other" is taken from everything busy (process time + softirq), not process time alone.
  const machineBusy = pct(b.machine.cpu.busy - a.machine.cpu.busy);
  const ownTotal = Object.values(own).reduce((sum, v) => sum + (v ?? 0), 0);
  const cores = Object.fromEntries(
    Object.keys(b.machine)
      .filter((k) => k !== 'cpu')
      .map((k) => [k, Number((((b.machine[k].busy - a.machine[k].busy) / (b.machine[k].total - a.machine[k].total)) * 100).toFixed(1))]),
  );
  return {
    seconds: Number(seconds.toFixed(2)),
    own,
    postgres,
    redis,
    softirq: pct(b.machine.cpu.softirq - a.machine.cpu.softirq),
    other: Number((machineBusy - ownTotal - postgres - redis).toFixed(1)),
    coresBusy: cores,
  };
}
