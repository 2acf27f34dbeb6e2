import { MINUTE_MS } from './intervals';
import type { Interval, Job, Problem, Technician } from './model';
import { createRandom, type Random } from './random';

/**
 * A seeded synthetic plant for tests and benchmarks: day and late shifts on weekdays, some leave
 * and Saturday overtime, three sites, equipment with weekly maintenance windows, and a backlog
 * mixing short repairs, shift-long jobs and multi-day overhauls, crews of 1–3, priorities,
 * release, target and deadline dates, downtime work, lockout groups, precedence, preferred
 * technicians and a few pinned (started) jobs. The backlog needs about three quarters of the
 * technicians' hours, unevenly over skills, so some work competes for the scarce specialists.
 */

const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Monday 5 January 2026, 00:00 UTC. */
const DEFAULT_START = Date.UTC(2026, 0, 5);
const SKILLS = ['mechanical', 'electrical', 'instrumentation', 'welding', 'hydraulics', 'plc'] as const;
const SKILL_WEIGHTS = [35, 25, 12, 10, 10, 8];
const SITES = ['north', 'south', 'east'] as const;
const GROUPS = ['lockout-A', 'lockout-B', 'lockout-C', 'lockout-D'] as const;

function weighted<T>(random: Random, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let roll = random.next() * total;
  for (let i = 0; i < items.length; i++) {
    roll -= weights[i] as number;
    if (roll < 0) return items[i] as T;
  }
  return items[items.length - 1] as T;
}

export interface PlantOptions {
  technicians: number;
  jobs: number;
  days: number;
  seed: number;
  /** Epoch ms of the first day's midnight (UTC); default Monday 2026-01-05. */
  start?: number;
}

export function generatePlant(options: PlantOptions): Problem {
  const random = createRandom(options.seed);
  const start = options.start ?? DEFAULT_START;
  const horizon: Interval = { start, end: start + options.days * DAY_MS };
  const weekday = (day: number): number => (new Date(start + day * DAY_MS).getUTCDay() + 6) % 7; // 0 = Monday
  const at = (day: number, hour: number): number => start + day * DAY_MS + hour * HOUR_MS;

  const technicians: Technician[] = [];
  for (let i = 0; i < options.technicians; i++) {
    const skills: Record<string, number> = {};
    for (let k = 2 + random.int(2); Object.keys(skills).length < k;) {
      skills[weighted(random, SKILLS, SKILL_WEIGHTS)] = weighted(random, [1, 2, 3, 4, 5], [10, 30, 35, 18, 7]);
    }
    const [from, to] = random.chance(0.75) ? [7, 15] : [14, 22];
    const leaveStart = random.chance(0.15) ? random.int(options.days) : -1;
    const leaveEnd = leaveStart + 2 + random.int(4);
    const availability: Interval[] = [];
    const overtime: Interval[] = [];
    const worksSaturdays = random.chance(0.3);
    for (let day = 0; day < options.days; day++) {
      if (day >= leaveStart && day < leaveEnd) continue;
      if (weekday(day) < 5) availability.push({ start: at(day, from), end: at(day, to) });
      else if (weekday(day) === 5 && worksSaturdays) overtime.push({ start: at(day, 8), end: at(day, 12) });
    }
    technicians.push({
      id: `T${String(i + 1).padStart(3, '0')}`,
      name: `Technician ${i + 1}`,
      skills,
      availability,
      overtime,
      siteId: random.pick(SITES),
      hourlyCost: 40 + random.int(31),
    });
  }

  const equipmentCount = Math.max(4, Math.round(options.jobs / 10));
  const equipment = Array.from({ length: equipmentCount }, (_, i) => ({
    id: `EQ-${String(i + 1).padStart(3, '0')}`,
    site: random.pick(SITES),
    weekdays: [random.int(5), random.int(5)],
    saturday: random.chance(0.4),
  }));
  const equipmentWindows: Record<string, Interval[]> = {};
  for (const eq of equipment) {
    const windows: Interval[] = [];
    for (let day = 0; day < options.days; day++) {
      if (eq.weekdays.includes(weekday(day))) windows.push({ start: at(day, 6), end: at(day, 18) });
      else if (weekday(day) === 5 && eq.saturday) windows.push({ start: at(day, 6), end: at(day, 14) });
    }
    equipmentWindows[eq.id] = windows;
  }

  const pinnedTechs = new Set<string>();
  const jobs: Job[] = [];
  for (let i = 0; i < options.jobs; i++) {
    const eq = random.chance(0.85) ? random.pick(equipment) : null;
    const requiredSkills: { skill: string; minLevel: number }[] = [];
    for (let k = random.chance(0.15) ? 2 : 1; requiredSkills.length < k;) {
      const skill = weighted(random, SKILLS, SKILL_WEIGHTS);
      if (!requiredSkills.some((r) => r.skill === skill))
        requiredSkills.push({ skill, minLevel: weighted(random, [1, 2, 3, 4], [30, 40, 25, 5]) });
    }
    let crewSize = weighted(random, [1, 2, 3], [80, 15, 5]);
    const qualifiedFor = (): Technician[] => technicians.filter((t) => requiredSkills.every((r) => (t.skills[r.skill] ?? 0) >= r.minLevel));
    // Most work is doable by the people the plant has: relax the rare unstaffable requirement,
    // but keep a few so unassigned reasons show up.
    if (qualifiedFor().length < crewSize && random.chance(0.9)) {
      while (qualifiedFor().length < crewSize && requiredSkills.some((r) => r.minLevel > 1)) {
        for (const r of requiredSkills) r.minLevel = Math.max(1, r.minLevel - 1);
      }
      if (qualifiedFor().length < crewSize) requiredSkills.splice(1);
      crewSize = Math.max(1, Math.min(crewSize, qualifiedFor().length));
    }
    const kind = random.next();
    const durationMinutes = kind < 0.6 ? 30 * (1 + random.int(8)) : kind < 0.9 ? 60 * (4 + random.int(5)) : 120 * (5 + random.int(8));
    const releaseAt = random.chance(0.65) ? null : at(random.int(Math.max(1, Math.floor(options.days * 0.6))), 0);
    const targetAt = (releaseAt ?? horizon.start) + (2 + random.int(9)) * DAY_MS;
    const deadline = random.chance(0.35) ? targetAt + (2 + random.int(6)) * DAY_MS : null;
    const job: Job = {
      id: `WO-${String(i + 1).padStart(4, '0')}`,
      durationMinutes,
      requiredSkills,
      crewSize,
      priorityWeight: weighted(random, [1, 2, 5, 10], [40, 35, 20, 5]),
      releaseAt,
      targetAt,
      deadlineAt: deadline !== null && deadline <= horizon.end ? deadline : null,
      penalizeEarliness: random.chance(0.25),
      equipmentId: eq?.id ?? null,
      requiresDowntime: eq !== null && random.chance(0.25),
      conflictGroups: random.chance(0.06) ? [random.pick(GROUPS)] : [],
      siteId: eq?.site ?? random.pick(SITES),
    };
    if (i >= 20 && random.chance(0.05)) {
      const earlier = jobs.filter((other) => other.equipmentId === job.equipmentId && !other.pinned);
      const predecessor = earlier.length > 0 ? random.pick(earlier) : jobs[random.int(jobs.length)];
      if (predecessor && !predecessor.pinned) job.predecessorIds = [predecessor.id];
    }
    const qualified = qualifiedFor();
    if (qualified.length > 0 && random.chance(0.1)) job.preferredTechnicianId = random.pick(qualified).id;
    const free = qualified.filter((t) => !pinnedTechs.has(t.id) && t.availability.length > 0);
    if (free.length > 0 && !job.predecessorIds && random.chance(0.02)) {
      // Started work: on the technician’s first shift, alone, without equipment, lockout or deadline.
      const tech = random.pick(free);
      pinnedTechs.add(tech.id);
      Object.assign(job, {
        crewSize: 1,
        releaseAt: null,
        deadlineAt: null,
        equipmentId: null,
        requiresDowntime: false,
        conflictGroups: [],
      });
      job.pinned = { technicianIds: [tech.id], start: (tech.availability[0] as Interval).start };
    }
    jobs.push(job);
  }

  const travelMinutes: Record<string, Record<string, number>> = {
    north: { south: 20, east: 35 },
    south: { east: 45 },
  };
  return { horizon, technicians, jobs, equipmentWindows, travelMinutes };
}
