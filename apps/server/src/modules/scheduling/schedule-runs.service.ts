import type { AnalyzeRequest, PublishResult, ScheduleAnalysis, ScheduleRun, SolveAccepted, SolveRequest } from '@msched/contracts';
import { type Assignment, OptimizerInputError, type Solution, type SolverWorker, analyze, solveInWorker } from '@msched/optimizer';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { and, count, eq, gt, lt, ne } from 'drizzle-orm';
import { availableParallelism } from 'node:os';
import { APP_CONFIG } from '../../app.tokens';
import type { AppConfig } from '../../config';
import { bookedTechnicians } from '../../platform/auth/access-policy';
import type { Principal } from '../../platform/auth/principal';
import { Database } from '../../platform/db/database';
import { organizations, scheduleRuns } from '../../platform/db/schema';
import { AppError, ErrorCode, problemFor } from '../../platform/http/app-error';
import { iso, isoOrNull } from '../../platform/http/mapping';
import { RealtimeGateway } from '../../platform/realtime/realtime.gateway';
import { type WorkOrderRow, WorkOrdersRepository } from '../work-orders/work-orders.repository';
import { WorkOrdersService } from '../work-orders/work-orders.service';
import { type BuiltProblem, ScheduleProblemBuilder } from './schedule-problem';

type RunRow = typeof scheduleRuns.$inferSelect;
type StoredSolution = Pick<Solution, 'assignments' | 'unassigned' | 'analysis'> & { churn?: Solution['churn'] };

/** How often a running solve writes its progress to the database (and checks for a stop asked elsewhere). */
const PERSIST_EVERY_MS = 1_000;
/** A SOLVING run not updated for this long belonged to an instance that stopped. */
const ORPHANED_AFTER_MS = 30_000;
const ASSIGNABLE = ['OPEN', 'SCHEDULED', 'ON_HOLD'];
/**
 * Solves at once: per organization (across instances), and per instance (each is a worker thread
 * busy for its whole time limit; beyond the cores, more only slow every run and the API down).
 */
const MAX_SOLVING_PER_ORGANIZATION = 2;
const MAX_SOLVING_PER_INSTANCE = Math.max(4, availableParallelism());

/**
 * How many searches a new run makes side by side: the configured number while the instance's
 * threads allow it, fewer when other runs already use them, and always at least one. The
 * instance's budget is one thread per core but one (kept for the API), or the configured number
 * if that is larger (an explicit setting is honoured for one run at a time).
 */
export function solverThreadsFor(configured: number, cores: number, inUse: readonly number[]): number {
  const budget = Math.max(configured, cores - 1);
  const used = inUse.reduce((sum, threads) => sum + threads, 0);
  return Math.max(1, Math.min(configured, budget - used));
}

/** Runs are kept this long (a published run's id stays in the history notes of the work it booked). */
const RUN_RETENTION_DAYS = 30;

/**
 * Optimizer runs: each solves in a worker thread (the API stays responsive), keeps its best
 * solution and progress in `schedule_runs`, pushes progress to the user who started it, and can
 * be stopped (keeping the best), published, or used to analyze a planner's own board.
 */
@Injectable()
export class ScheduleRunsService implements OnModuleDestroy {
  private readonly logger = new Logger(ScheduleRunsService.name);
  private readonly running = new Map<string, SolverWorker>();
  /** Per local run, the searches (worker threads) it runs side by side. */
  private readonly searchThreads = new Map<string, number>();
  /** Per local run, settled once its result (or failure) is written. */
  private readonly settled = new Map<string, Promise<void>>();
  /** Runs asked to stop: their result is STOPPED, not DONE. */
  private readonly stopRequested = new Set<string>();

  constructor(
    private readonly database: Database,
    private readonly problems: ScheduleProblemBuilder,
    private readonly workOrders: WorkOrdersRepository,
    private readonly assignments: WorkOrdersService,
    private readonly realtime: RealtimeGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async solve(principal: Principal, request: SolveRequest): Promise<SolveAccepted> {
    const { problem, baseline, unknown } = await this.problems.build({
      organizationId: principal.organizationId,
      from: new Date(request.from),
      to: new Date(request.to),
      workOrderIds: request.workOrderIds,
      technicianIds: request.technicianIds,
    });
    refuseUnknown(unknown);
    if (this.running.size >= MAX_SOLVING_PER_INSTANCE) {
      throw new AppError(
        ErrorCode.RateLimited,
        `This server is solving ${this.running.size} schedules already: try again when one is done`,
      );
    }
    const run = await this.database.transaction(async () => {
      // One start at a time per organization, so two requests cannot both pass the count below.
      await this.database.executor
        .select({ id: organizations.id })
        .from(organizations)
        .where(eq(organizations.id, principal.organizationId))
        .for('update');
      const [solving] = await this.database.executor
        .select({ n: count() })
        .from(scheduleRuns)
        .where(
          and(
            eq(scheduleRuns.organizationId, principal.organizationId),
            eq(scheduleRuns.status, 'SOLVING'),
            gt(scheduleRuns.updatedAt, new Date(Date.now() - ORPHANED_AFTER_MS)),
          ),
        );
      if ((solving?.n ?? 0) >= MAX_SOLVING_PER_ORGANIZATION) {
        throw new AppError(
          ErrorCode.RateLimited,
          `Your organization has ${MAX_SOLVING_PER_ORGANIZATION} schedules solving already: stop one or wait until one is done`,
        );
      }
      // Old runs go as new ones come: a run holds its whole problem's result.
      await this.database.executor
        .delete(scheduleRuns)
        .where(
          and(
            eq(scheduleRuns.organizationId, principal.organizationId),
            lt(scheduleRuns.createdAt, new Date(Date.now() - RUN_RETENTION_DAYS * 86_400_000)),
            ne(scheduleRuns.status, 'SOLVING'),
          ),
        );
      const [inserted] = await this.database.executor
        .insert(scheduleRuns)
        .values({
          organizationId: principal.organizationId,
          createdBy: principal.userId,
          status: 'SOLVING',
          mode: request.mode,
          rangeStart: new Date(request.from),
          rangeEnd: new Date(request.to),
          request: request as unknown as Record<string, unknown>,
          baseline,
          progress: { elapsedMs: 0, bestScoreHistory: [] },
        })
        .returning();
      return inserted!;
    });
    const runId = run.id;
    const threads = solverThreadsFor(this.config.solverThreads, availableParallelism(), [...this.searchThreads.values()]);
    const worker = solveInWorker(problem, {
      timeLimitMs: request.timeLimitSeconds * 1000,
      seed: request.seed,
      mode: request.mode,
      threads,
    });
    this.running.set(runId, worker);
    this.searchThreads.set(runId, threads);
    const history: { elapsedMs: number; score: Solution['score'] }[] = [];
    const started = Date.now();
    // A heartbeat, improving or not: progress is stored, a stop asked on another instance is
    // seen, and the run never looks orphaned while it solves.
    const heartbeat = setInterval(() => {
      const best = history[history.length - 1];
      void this.persistProgress(runId, Date.now() - started, best?.score ?? null, history, worker);
    }, PERSIST_EVERY_MS);
    heartbeat.unref();
    void worker.result.finally(() => clearInterval(heartbeat)).catch(() => undefined);
    worker.progress((progress) => {
      history.push({ elapsedMs: progress.elapsedMs, score: progress.bestScore });
      this.realtime.toUser(principal.organizationId, principal.userId, 'schedule:progress', {
        runId,
        status: 'SOLVING',
        elapsedMs: progress.elapsedMs,
        bestScore: progress.bestScore,
        timestamp: new Date().toISOString(),
      });
    });
    this.settled.set(
      runId,
      worker.result.then(
        (solution) => this.finish(principal, runId, solution),
        (error: unknown) => this.fail(principal, runId, error),
      ),
    );
    return { runId };
  }

  async get(principal: Principal, runId: string): Promise<ScheduleRun> {
    return toScheduleRun(await this.orphanChecked(await this.require(principal, runId)));
  }

  /** Stops the run and keeps its best solution; a run on another instance is stopped at its next progress write. */
  async stop(principal: Principal, runId: string): Promise<ScheduleRun> {
    const row = await this.require(principal, runId);
    if (row.status !== 'SOLVING') return toScheduleRun(row);
    const local = this.running.get(runId);
    if (local) {
      this.stopRequested.add(runId);
      local.stop();
      // The run's result written (STOPPED, with its best solution), however long that takes.
      await this.settled.get(runId);
    } else {
      await this.database.executor
        .update(scheduleRuns)
        .set({ request: { ...row.request, stopRequested: true }, updatedAt: new Date() })
        .where(eq(scheduleRuns.id, runId));
    }
    return toScheduleRun(await this.require(principal, runId));
  }

  /**
   * Applies the run's assignments in one transaction. A work order changed since the run started
   * (another version), or no longer in a state that can be scheduled, is reported as a conflict
   * and left as it is; so is a proposal that would now double-book its technician (work booked
   * since the run started, or work this publish leaves where it is). Booked work the run left
   * unassigned goes back to the backlog (OPEN, booking given up), as the plan has no room for it.
   * Crews: the first technician leads (the work order's technician); the others are its crew,
   * booked for the same time. Work orders, then technicians, are locked in id order, so two
   * publishes never wait on each other in a cycle.
   */
  async publish(principal: Principal, runId: string): Promise<PublishResult> {
    return this.database.transaction(async () => {
      const [row] = await this.database.executor
        .select()
        .from(scheduleRuns)
        .where(and(eq(scheduleRuns.organizationId, principal.organizationId), eq(scheduleRuns.id, runId)))
        .for('update');
      if (!row) throw AppError.notFound('Schedule run');
      if (row.status === 'SOLVING') throw new AppError(ErrorCode.Conflict, 'The run is still solving: stop it or wait until it is done');
      if (!row.solution)
        throw new AppError(ErrorCode.Conflict, `The run ${row.status === 'FAILED' ? 'failed' : 'has no solution'}: nothing to publish`);
      if (row.publishedAt) throw new AppError(ErrorCode.Conflict, `This run was already published at ${row.publishedAt.toISOString()}`);
      const solution = row.solution as unknown as StoredSolution;
      const result: PublishResult = { published: 0, unchanged: 0, unscheduled: 0, conflicts: [] };
      const proposals = new Map<string, Assignment | null>();
      for (const assignment of solution.assignments) proposals.set(assignment.jobId, assignment);
      for (const entry of solution.unassigned) proposals.set(entry.jobId, null);

      // Which proposals still apply to the work as it is now.
      const moving = new Map<string, { current: WorkOrderRow; assignment: Assignment | null }>();
      const now = Date.now();
      for (const id of [...proposals.keys()].sort()) {
        const assignment = proposals.get(id) ?? null;
        const current = await this.workOrders.find(principal.organizationId, id, { lock: true });
        // Unassigned work that was never booked, or is gone or finished, has nothing to give up.
        if (!assignment && (!current || !current.scheduledStartTime || !ASSIGNABLE.includes(current.status))) continue;
        if (!current) {
          result.conflicts.push({ workOrderId: id, reason: 'deleted since the run started' });
          continue;
        }
        if (current.version !== row.baseline[id]) {
          result.conflicts.push({ workOrderId: current.id, reason: 'changed since the run started', status: current.status });
          continue;
        }
        if (current.status === 'IN_PROGRESS') continue; // pinned: stays as it is
        if (!ASSIGNABLE.includes(current.status)) {
          result.conflicts.push({
            workOrderId: current.id,
            reason: `a ${current.status} work order cannot be scheduled`,
            status: current.status,
          });
          continue;
        }
        if (assignment && isBookedAs(current, assignment)) {
          result.unchanged++;
          continue;
        }
        // An old run's proposal for a time already gone is no plan any more.
        if (assignment && assignment.start < now) {
          result.conflicts.push({ workOrderId: current.id, reason: 'the proposed start has passed', status: current.status });
          continue;
        }
        moving.set(id, { current, assignment });
      }

      // Each assignment locks its crew; taking them all now, in id order, keeps two publishes
      // over the same people from each holding one the other waits for.
      const people = new Set([...moving.values()].flatMap(({ assignment }) => assignment?.technicianIds ?? []));
      for (const technicianId of [...people].sort()) await this.workOrders.lockTechnician(principal.organizationId, technicianId);

      // A proposal that overlaps work staying where it is would double-book; that work may be a
      // proposal dropped here in turn, so check again until nothing more drops out. Everything
      // booked on these people (lead or crew) over the proposals' span is read once.
      const proposed = [...moving.values()].flatMap(({ assignment }) => (assignment ? [assignment] : []));
      const booked =
        proposed.length === 0
          ? []
          : await this.workOrders.findBooked(
              principal.organizationId,
              [...people],
              new Date(Math.min(...proposed.map((assignment) => assignment.start))),
              new Date(Math.max(...proposed.map((assignment) => assignment.end))),
            );
      for (let dropped = true; dropped;) {
        dropped = false;
        for (const [id, { current, assignment }] of moving) {
          if (!assignment) continue;
          const overlapping = booked.filter(
            (other) =>
              other.id !== id &&
              !moving.has(other.id) &&
              bookedTechnicians(other).some((technicianId) => assignment.technicianIds.includes(technicianId)) &&
              other.scheduledStartTime!.getTime() < assignment.end &&
              other.scheduledEndTime!.getTime() > assignment.start,
          );
          if (overlapping.length === 0) continue;
          result.conflicts.push({
            workOrderId: id,
            reason: `would overlap ${overlapping.map((other) => other.workOrderNumber).join(', ')}, booked on the same ${assignment.technicianIds.length > 1 ? 'people' : 'technician'}`,
            status: current.status,
          });
          moving.delete(id);
          dropped = true;
        }
      }

      const note = `published from schedule run ${runId}`;
      for (const [id, { current, assignment }] of moving) {
        try {
          if (!assignment) {
            await this.assignments.changeStatus(principal, id, { status: 'OPEN', note: `${note}: no room in the plan` }, [current.version]);
            result.unscheduled++;
            continue;
          }
          // The same assignment a planner makes by hand (history, events, notifications), over the
          // version read when the run started; the optimizer already weighed skills, and overlaps
          // were checked above against the schedule as it will be.
          // The solver lists a crew in its own order: whoever leads it now keeps leading it.
          const [lead, ...crew] =
            current.technicianId && assignment.technicianIds.includes(current.technicianId)
              ? [current.technicianId, ...assignment.technicianIds.filter((technicianId) => technicianId !== current.technicianId)]
              : assignment.technicianIds;
          await this.assignments.assign(
            principal,
            id,
            {
              technicianId: lead!,
              crewTechnicianIds: crew,
              scheduledStartTime: iso(new Date(assignment.start)),
              scheduledEndTime: iso(new Date(assignment.end)),
              force: true,
            },
            [current.version],
            note,
          );
          result.published++;
        } catch (error) {
          if (!(error instanceof AppError) || problemFor(error.code).status >= 500) throw error;
          result.conflicts.push({ workOrderId: id, reason: error.message, status: current.status });
        }
      }
      await this.database.executor
        .update(scheduleRuns)
        .set({ publishedAt: new Date(), updatedAt: new Date() })
        .where(eq(scheduleRuns.id, runId));
      return result;
    });
  }

  /** Scores a given set of assignments (e.g. the planner's board) with the solver's analysis. */
  async analyze(principal: Principal, request: AnalyzeRequest): Promise<ScheduleAnalysis> {
    const { problem, unknown: unknownIds } = await this.problems.build({
      organizationId: principal.organizationId,
      from: new Date(request.from),
      to: new Date(request.to),
      // By default every schedulable work order, as a solve would take: work left off the board counts as unassigned.
      workOrderIds: request.workOrderIds,
      alsoWorkOrderIds: request.assignments.map((assignment) => assignment.workOrderId),
      technicianIds: request.technicianIds,
    });
    refuseUnknown(unknownIds);
    const known = new Set(problem.jobs.map((job) => job.id));
    const unknown = request.assignments.filter((assignment) => !known.has(assignment.workOrderId));
    if (unknown.length > 0) {
      throw AppError.validation(
        unknown.map((assignment) => ({
          path: `assignments.${request.assignments.indexOf(assignment)}.workOrderId`,
          message: 'not a schedulable work order of your organization',
        })),
      );
    }
    const assignments: Assignment[] = request.assignments.map((assignment) => ({
      jobId: assignment.workOrderId,
      technicianIds: assignment.technicianIds,
      start: Date.parse(assignment.start),
      end: Date.parse(assignment.end),
    }));
    try {
      const result = analyze(problem, assignments);
      return {
        score: result.score,
        analysis: result.analysis.map(toConstraintTotal),
        unassigned: result.unassigned.map((entry) => ({ workOrderId: entry.jobId, reasons: entry.reasons })),
      };
    } catch (error) {
      if (error instanceof OptimizerInputError) throw AppError.validation([{ path: 'assignments', message: error.message }]);
      throw error;
    }
  }

  async onModuleDestroy(): Promise<void> {
    for (const worker of this.running.values()) worker.stop();
    // Each result written before the database goes away.
    await Promise.all([...this.settled.values()]);
  }

  private async persistProgress(
    runId: string,
    elapsedMs: number,
    score: Solution['score'] | null,
    history: unknown[],
    worker: SolverWorker,
  ): Promise<void> {
    try {
      const [row] = await this.database.executor
        .update(scheduleRuns)
        .set({ ...(score ? { score } : {}), progress: { elapsedMs, bestScoreHistory: history }, updatedAt: new Date() })
        .where(and(eq(scheduleRuns.id, runId), eq(scheduleRuns.status, 'SOLVING')))
        .returning({ request: scheduleRuns.request });
      if (row?.request['stopRequested']) {
        this.stopRequested.add(runId);
        worker.stop();
      }
    } catch (error) {
      this.logger.warn(`Progress of run ${runId} not saved: ${(error as Error).message}`);
    }
  }

  private async finish(principal: Principal, runId: string, solution: Solution): Promise<void> {
    const { searches, failedSearches } = solution.stats;
    if (failedSearches) this.logger.warn(`Run ${runId}: ${failedSearches} of ${searches} searches failed; the best of the others is kept`);
    try {
      const status = this.stopRequested.has(runId) ? 'STOPPED' : 'DONE';
      const stored: StoredSolution = {
        assignments: solution.assignments,
        unassigned: solution.unassigned,
        analysis: solution.analysis,
        churn: solution.churn,
      };
      await this.database.executor
        .update(scheduleRuns)
        .set({
          status,
          score: solution.score,
          progress: { elapsedMs: solution.stats.elapsedMs, bestScoreHistory: solution.stats.bestScoreHistory },
          solution: stored as unknown as Record<string, unknown>,
          updatedAt: new Date(),
        })
        .where(eq(scheduleRuns.id, runId));
      this.realtime.toUser(principal.organizationId, principal.userId, 'schedule:progress', {
        runId,
        status,
        elapsedMs: solution.stats.elapsedMs,
        bestScore: solution.score,
        timestamp: new Date().toISOString(),
      });
    } catch (error) {
      this.logger.warn(`Result of run ${runId} not saved: ${(error as Error).message}`);
    } finally {
      this.forget(runId);
      this.stopRequested.delete(runId);
    }
  }

  /** A local run is over: it no longer counts against the instance's runs and threads. */
  private forget(runId: string): void {
    this.running.delete(runId);
    this.searchThreads.delete(runId);
    this.settled.delete(runId);
  }

  private async fail(principal: Principal, runId: string, error: unknown): Promise<void> {
    const message = error instanceof OptimizerInputError ? error.message : `solver failed: ${(error as Error).message}`;
    this.logger.warn(`Run ${runId}: ${message}`);
    await this.database.executor
      .update(scheduleRuns)
      .set({ status: 'FAILED', error: message, updatedAt: new Date() })
      .where(eq(scheduleRuns.id, runId))
      .catch(() => undefined);
    this.forget(runId);
    this.realtime.toUser(principal.organizationId, principal.userId, 'schedule:progress', {
      runId,
      status: 'FAILED',
      elapsedMs: 0,
      bestScore: null,
      timestamp: new Date().toISOString(),
    });
  }

  private async require(principal: Principal, runId: string): Promise<RunRow> {
    const [row] = await this.database.executor
      .select()
      .from(scheduleRuns)
      .where(and(eq(scheduleRuns.organizationId, principal.organizationId), eq(scheduleRuns.id, runId)));
    if (!row) throw AppError.notFound('Schedule run');
    return row;
  }

  /** A run left SOLVING by an instance that went away is reported as FAILED. */
  private async orphanChecked(row: RunRow): Promise<RunRow> {
    if (row.status !== 'SOLVING' || this.running.has(row.id) || Date.now() - row.updatedAt.getTime() < ORPHANED_AFTER_MS) return row;
    const [updated] = await this.database.executor
      .update(scheduleRuns)
      .set({ status: 'FAILED', error: 'the instance running this solve stopped before it finished', updatedAt: new Date() })
      .where(and(eq(scheduleRuns.id, row.id), eq(scheduleRuns.status, 'SOLVING')))
      .returning();
    return updated ?? row;
  }
}

/** A 400 naming each requested work order or technician the organization has no schedulable or active one of. */
function refuseUnknown(unknown: BuiltProblem['unknown']): void {
  const errors = [
    ...unknown.workOrderIds.map((index) => ({
      path: `workOrderIds.${index}`,
      message: 'not a schedulable work order of your organization',
    })),
    ...unknown.technicianIds.map((index) => ({ path: `technicianIds.${index}`, message: 'not an active technician of your organization' })),
  ];
  if (errors.length > 0) throw AppError.validation(errors);
}

/** Booked as proposed: the same people (whoever leads) at the same time. */
function isBookedAs(current: WorkOrderRow, assignment: Assignment): boolean {
  const booked = bookedTechnicians(current);
  return (
    booked.length === assignment.technicianIds.length &&
    assignment.technicianIds.every((technicianId) => booked.includes(technicianId)) &&
    current.scheduledStartTime?.getTime() === assignment.start &&
    current.scheduledEndTime?.getTime() === assignment.end
  );
}

function toConstraintTotal(total: Solution['analysis'][number]) {
  return {
    constraint: total.constraint,
    level: total.level,
    total: total.total,
    workOrders: total.jobs.map((job) => ({ workOrderId: job.jobId, penalty: job.penalty })),
  };
}

function toScheduleRun(row: RunRow): ScheduleRun {
  const solution = row.solution as unknown as StoredSolution | null;
  return {
    runId: row.id,
    status: row.status,
    mode: row.mode,
    from: iso(row.rangeStart),
    to: iso(row.rangeEnd),
    score: row.score ?? null,
    progress: row.progress as ScheduleRun['progress'],
    assignments: (solution?.assignments ?? []).map((assignment) => ({
      workOrderId: assignment.jobId,
      technicianIds: assignment.technicianIds,
      start: new Date(assignment.start).toISOString(),
      end: new Date(assignment.end).toISOString(),
    })),
    unassigned: (solution?.unassigned ?? []).map((entry) => ({ workOrderId: entry.jobId, reasons: entry.reasons })),
    analysis: (solution?.analysis ?? []).map(toConstraintTotal),
    churn: solution?.churn
      ? { moved: solution.churn.moved, reassigned: solution.churn.reassigned, workOrderIds: solution.churn.jobIds }
      : null,
    error: row.error,
    publishedAt: isoOrNull(row.publishedAt),
    createdAt: iso(row.createdAt),
  };
}
