import type { Assignment, Interval, Problem } from '../model';
import { DEFAULT_WEIGHTS } from '../weights';

/**
 * An independent checker for tests: recomputes the hard and medium scores of a schedule minute
 * by minute, sharing no code with the solver's scorer (only the weight table). Slow and plain on
 * purpose. Times must be whole minutes.
 *
 * The rules it restates: a job started inside the crew's common working time (availability ∪
 * overtime, ∩ the equipment's windows for downtime work, less the minutes work outside the
 * problem holds the equipment or any of the job's conflict groups) takes the next working minutes until
 * its duration is done, continuing straight on if the calendar runs out; a job started outside
 * it is one block from its start. A job with `lateIfDeadlineUnreachable` whose deadline fewer
 * than a crew's worth of qualified technicians could each meet alone, in an empty schedule, from
 * its release (and the horizon's start or `deadlinesJudgedFrom`, whichever is later), has no
 * hard deadline; pinned work keeps it.
 */
export function independentScore(problem: Problem, assignments: readonly Assignment[]): { hard: number; medium: number } {
  const w = { ...DEFAULT_WEIGHTS, ...problem.weights };
  const minute = (t: number): number => {
    if (t % 60_000 !== 0) throw new Error('independentScore needs whole minutes');
    return t / 60_000;
  };
  const minutesOf = (intervals: readonly Interval[] | undefined): Set<number> => {
    const set = new Set<number>();
    for (const iv of intervals ?? []) for (let m = minute(iv.start); m < minute(iv.end); m++) set.add(m);
    return set;
  };
  const techs = new Map(problem.technicians.map((t) => [t.id, t]));
  const working = new Map(problem.technicians.map((t) => [t.id, minutesOf([...t.availability, ...(t.overtime ?? [])])]));
  const jobs = new Map(problem.jobs.map((j) => [j.id, j]));
  const byJob = new Map(assignments.map((a) => [a.jobId, a]));

  /** The minutes work outside the problem holds any conflict group of `job`. */
  const groupHeldMinutes = (job: Problem['jobs'][number]): Set<number> =>
    minutesOf((job.conflictGroups ?? []).flatMap((g) => problem.groupBusy?.[g] ?? []));
  /** Whether these technicians can all work on `job` in minute m (their shifts, its windows, neither equipment nor group held). */
  const workable = (job: Problem['jobs'][number], crew: readonly string[]): ((m: number) => boolean) => {
    const windows = job.requiresDowntime && job.equipmentId ? minutesOf(problem.equipmentWindows?.[job.equipmentId]) : null;
    const held = job.equipmentId ? minutesOf(problem.equipmentBusy?.[job.equipmentId]) : new Set<number>();
    const groupHeld = groupHeldMinutes(job);
    return (m) => crew.every((id) => working.get(id)!.has(m)) && (!windows || windows.has(m)) && !held.has(m) && !groupHeld.has(m);
  };
  const qualified = (job: Problem['jobs'][number], id: string): boolean =>
    (job.requiredSkills ?? []).every((r) => (techs.get(id)!.skills[r.skill] ?? 0) >= r.minLevel);
  /** Whether the deadline holds: false for one no crew could meet even in an empty schedule, when the job asks for that. */
  const deadlineHolds = (job: Problem['jobs'][number]): boolean => {
    if (job.deadlineAt == null) return false;
    if (!job.lateIfDeadlineUnreachable || job.pinned) return true;
    const from = Math.max(minute(problem.horizon.start), job.releaseAt == null ? -Infinity : minute(job.releaseAt));
    const lower = problem.deadlinesJudgedFrom == null ? from : Math.max(from, Math.ceil(problem.deadlinesJudgedFrom / 60_000));
    const endBound = Math.min(minute(problem.horizon.end), minute(job.deadlineAt));
    // Alone, a technician's earliest end comes from working the first free minutes after `lower`.
    const finishers = problem.technicians.filter((t) => {
      if (!qualified(job, t.id)) return false;
      const canWork = workable(job, [t.id]);
      let minutes = 0;
      for (let m = lower; m < endBound; m++) if (canWork(m)) minutes++;
      return minutes >= Math.round(job.durationMinutes);
    });
    return finishers.length >= (job.crewSize ?? 1);
  };

  // Minutes each assignment occupies.
  const occupied = new Map<string, number[]>();
  for (const a of assignments) {
    const job = jobs.get(a.jobId)!;
    const canWork = workable(job, a.technicianIds);
    let last = -Infinity;
    for (const id of a.technicianIds) for (const m of working.get(id)!) if (canWork(m)) last = Math.max(last, m);
    const start = minute(a.start);
    const duration = Math.round(job.durationMinutes);
    const taken: number[] = [];
    if (!canWork(start)) {
      for (let m = start; m < start + duration; m++) taken.push(m);
    } else {
      let m = start;
      while (taken.length < duration && m <= last) {
        if (canWork(m)) taken.push(m);
        m++;
      }
      for (let next = taken[taken.length - 1]! + 1; taken.length < duration; next++) taken.push(next);
    }
    occupied.set(a.jobId, taken);
  }
  const endOf = (id: string): number => occupied.get(id)![occupied.get(id)!.length - 1]! + 1;
  const shared = (x: string, y: string): number => {
    const other = new Set(occupied.get(y));
    return occupied.get(x)!.filter((m) => other.has(m)).length;
  };

  let hard = 0;
  for (const a of assignments) {
    const job = jobs.get(a.jobId)!;
    const start = minute(a.start);
    for (const id of a.technicianIds) {
      const skills = techs.get(id)!.skills;
      for (const r of job.requiredSkills ?? []) if ((skills[r.skill] ?? 0) < r.minLevel) hard += w.skills;
      hard += occupied.get(a.jobId)!.filter((m) => !working.get(id)!.has(m)).length * w.availability;
    }
    hard += Math.abs(a.technicianIds.length - (job.crewSize ?? 1)) * w.crewSize;
    if (job.requiresDowntime && job.equipmentId) {
      const windows = minutesOf(problem.equipmentWindows?.[job.equipmentId]);
      hard += occupied.get(a.jobId)!.filter((m) => !windows.has(m)).length * w.maintenanceWindow;
    }
    if (job.equipmentId) {
      const held = minutesOf(problem.equipmentBusy?.[job.equipmentId]);
      hard += occupied.get(a.jobId)!.filter((m) => held.has(m)).length * w.equipmentOverlap;
    }
    // A minute one or more of its groups is held counts once, like one more job in the group.
    const groupHeld = groupHeldMinutes(job);
    hard += occupied.get(a.jobId)!.filter((m) => groupHeld.has(m)).length * w.conflictGroup;
    if (job.releaseAt != null) hard += Math.max(0, minute(job.releaseAt) - start) * w.release;
    if (deadlineHolds(job)) hard += Math.max(0, endOf(a.jobId) - minute(job.deadlineAt!)) * w.deadline;
    for (const predecessor of job.predecessorIds ?? []) {
      if (!jobs.has(predecessor)) continue;
      hard += (byJob.has(predecessor) ? Math.max(0, endOf(predecessor) - start) : Math.round(job.durationMinutes)) * w.precedence;
    }
  }
  for (let i = 0; i < assignments.length; i++) {
    for (let k = i + 1; k < assignments.length; k++) {
      const a = assignments[i]!;
      const b = assignments[k]!;
      const ja = jobs.get(a.jobId)!;
      const jb = jobs.get(b.jobId)!;
      const both = shared(a.jobId, b.jobId);
      hard += a.technicianIds.filter((id) => b.technicianIds.includes(id)).length * both * w.technicianOverlap;
      if (ja.equipmentId && ja.equipmentId === jb.equipmentId) hard += both * w.equipmentOverlap;
      if ((ja.conflictGroups ?? []).some((g) => (jb.conflictGroups ?? []).includes(g))) hard += both * w.conflictGroup;
    }
  }
  let medium = 0;
  for (const job of problem.jobs) {
    const a = byJob.get(job.id);
    if (!a) medium += (job.priorityWeight ?? 1) * w.unassigned;
    if (!job.pinned) continue;
    const samePin =
      a &&
      a.start === job.pinned.start &&
      a.technicianIds.length === new Set(job.pinned.technicianIds).size &&
      a.technicianIds.every((id) => job.pinned!.technicianIds.includes(id));
    if (!samePin) hard += w.pinned;
  }
  return { hard: hard === 0 ? 0 : -hard, medium: medium === 0 ? 0 : -medium };
}
