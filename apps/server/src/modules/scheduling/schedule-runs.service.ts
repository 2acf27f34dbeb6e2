import {
  DEFAULT_SOLVE_SECONDS,
  type AnalyzeRequest,
  type PublishResult,
  type ScheduleAnalysis,
  type ScheduleRun,
  type SolveAccepted,
  type SolveRequest,
} from '@msched/contracts';
import {
  type Assignment,
  OptimizerInputError,
  type Problem,
  type Solution,
  type SolverWorker,
  analyze,
  solveInWorker,
} from '@msched/optimizer';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { and, count, eq, gt, lt, ne, sql } from 'drizzle-orm';
import { availableParallelism } from 'node:os';
import { APP_CONFIG } from '../../app.tokens';
import type { AppConfig } from '../../config';
import type { Principal } from '../../platform/auth/principal';
import { Database } from '../../platform/db/database';
import { organizations, scheduleRuns } from '../../platform/db/schema';
import { AppError, ErrorCode } from '../../platform/http/app-error';
import { iso, isoOrNull } from '../../platform/http/mapping';
import { RealtimeGateway } from '../../platform/realtime/realtime.gateway';
import { ScheduleProblemBuilder, planningStart } from './schedule-problem';
import { SchedulePublisher, type StoredSolution } from './schedule-publish';

type RunRow = typeof scheduleRuns.$inferSelect;

/** How often a running solve writes its progress to the database (and checks for a stop asked elsewhere). */
const PERSIST_EVERY_MS = 1_000;
/** A SOLVING run not updated for this long belonged to an instance that stopped. */
const ORPHANED_AFTER_MS = 30_000;
/** What a refused solve is told to wait (Retry-After): runs are stopped or end within seconds to minutes. */
const RETRY_SOLVE_AFTER_SECONDS = 10;
/** The error of a run whose instance stopped (shut down or died) before the solve finished. */
const INSTANCE_STOPPED = 'the instance running this solve stopped before it finished';
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
export function solverThreadsFor(configured: number, cores: number, inUse: readonly number[], mode: 'full' | 'repair' = 'full'): number {
  // A repair makes one search, whatever is configured (solveInWorker): it takes one thread.
  if (mode === 'repair') return 1;
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
  /** Solves accepted but not yet running: they hold a place among the instance's runs. */
  private starting = 0;
  /** Set when the instance shuts down: runs cut short then are FAILED, and no new one starts. */
  private shuttingDown = false;

  constructor(
    private readonly database: Database,
    private readonly problems: ScheduleProblemBuilder,
    private readonly realtime: RealtimeGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly publisher: SchedulePublisher,
  ) {}

  /**
   * Starts a run. With an idempotency key, a repeat of a request that started a run (same user,
   * key and body) answers that run's id and starts nothing, whatever the limits say now; the same
   * key with another body is refused (422).
   */
  async solve(
    principal: Principal,
    request: SolveRequest,
    idempotency?: SolveIdempotency,
  ): Promise<{ accepted: SolveAccepted; replayed: boolean }> {
    const earlier = idempotency && (await this.startedWith(principal, idempotency));
    if (earlier) return { accepted: { runId: earlier }, replayed: true };
    // The place on this instance is taken before anything is awaited, so that requests arriving
    // together cannot all pass the check; it is given back on every way out.
    if (this.shuttingDown) throw new AppError(ErrorCode.ServiceUnavailable, 'This server is shutting down: try again');
    if (this.running.size + this.starting >= MAX_SOLVING_PER_INSTANCE) {
      throw new AppError(
        ErrorCode.RateLimited,
        `This server is solving ${this.running.size + this.starting} schedules already: try again when one is done`,
        { retryAfterSeconds: RETRY_SOLVE_AFTER_SECONDS },
      );
    }
    this.starting++;
    let reserved = true;
    const release = () => {
      if (reserved) this.starting--;
      reserved = false;
    };
    try {
      // The limit stored with the run is the one it runs to.
      const timeLimitSeconds = request.timeLimitSeconds ?? DEFAULT_SOLVE_SECONDS[request.mode];
      return await this.start(principal, { ...withLowerCaseIds(request), timeLimitSeconds }, release, idempotency);
    } finally {
      release();
    }
  }

  /** Starts a solve whose place on this instance is reserved; `release` gives the place up as the run takes it. */
  private async start(
    principal: Principal,
    request: SolveRequest & { timeLimitSeconds: number },
    release: () => void,
    idempotency: SolveIdempotency | undefined,
  ): Promise<{ accepted: SolveAccepted; replayed: boolean }> {
    // Nothing is planned to start in the past (see ScheduleScope.now).
    const now = Date.now();
    if (Date.parse(request.to) <= planningStart(now))
      throw AppError.validation([{ path: 'to', message: 'the range is over: nothing can be scheduled in the past' }]);
    const { problem, baseline, refused, held } = await this.problems.build({
      organizationId: principal.organizationId,
      from: new Date(request.from),
      to: new Date(request.to),
      workOrderIds: request.workOrderIds,
      filter: request.filter,
      technicianIds: request.technicianIds,
      now,
    });
    if (refused.length > 0) throw AppError.validation(refused);
    const run = await this.database.transaction(async () => {
      // One start at a time per organization, so two requests cannot both pass the count below.
      await this.database.executor
        .select({ id: organizations.id })
        .from(organizations)
        .where(eq(organizations.id, principal.organizationId))
        .for('update');
      // A repeat that arrived while the first was starting: the first has committed by now.
      const earlier = idempotency && (await this.startedWith(principal, idempotency));
      if (earlier) return { id: earlier, repeated: true };
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
          { retryAfterSeconds: RETRY_SOLVE_AFTER_SECONDS },
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
          request: { ...request, ...(idempotency ? { idempotency } : {}) } as unknown as Record<string, unknown>,
          baseline,
          progress: { elapsedMs: 0, bestScoreHistory: [] },
        })
        .returning();
      return { id: inserted!.id, repeated: false };
    });
    const runId = run.id;
    if (run.repeated) return { accepted: { runId }, replayed: true };
    const threads = solverThreadsFor(this.config.solverThreads, availableParallelism(), [...this.searchThreads.values()], request.mode);
    let worker: SolverWorker;
    try {
      // Shut down meanwhile: a run started now would outlive the database it writes to.
      if (this.shuttingDown) throw new AppError(ErrorCode.ServiceUnavailable, 'This server is shutting down: try again');
      worker = solveInWorker(problem, {
        timeLimitMs: request.timeLimitSeconds * 1000,
        seed: request.seed,
        mode: request.mode,
        threads,
        // The best schedule so far, stored with the heartbeat: a planner sees it while the run goes on.
        snapshotEveryMs: PERSIST_EVERY_MS,
      });
    } catch (error) {
      // Never left SOLVING with nothing solving it.
      await this.markFailed(runId, this.shuttingDown ? INSTANCE_STOPPED : failureMessage(error));
      throw error;
    }
    release();
    this.running.set(runId, worker);
    this.searchThreads.set(runId, threads);
    const history: { elapsedMs: number; score: Solution['score'] }[] = [];
    /** The best schedule the search handed out last, until the heartbeat stores it. */
    let snapshot: Solution['assignments'] | undefined;
    const started = Date.now();
    // A heartbeat, improving or not: progress is stored, a stop asked on another instance is
    // seen, and the run never looks orphaned while it solves.
    const heartbeat = setInterval(() => {
      const best = history[history.length - 1];
      const assignments = snapshot;
      snapshot = undefined;
      void this.persistProgress(runId, Date.now() - started, best?.score ?? null, history, worker, assignments);
    }, PERSIST_EVERY_MS);
    heartbeat.unref();
    void worker.result.finally(() => clearInterval(heartbeat)).catch(() => undefined);
    worker.progress((progress) => {
      history.push({ elapsedMs: progress.elapsedMs, score: progress.bestScore });
      if (progress.best) snapshot = progress.best.assignments;
      this.realtime.toScheduler(principal.organizationId, principal.userId, 'schedule:progress', {
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
        (solution) =>
          this.finish(principal, runId, { ...solution, unassigned: [...solution.unassigned, ...held] }, plannedMinutesOf(problem)),
        (error: unknown) => this.fail(principal, runId, failureMessage(error)),
      ),
    );
    return { accepted: { runId }, replayed: false };
  }

  /**
   * The run this user started with this idempotency key, if any (runs are kept for
   * RUN_RETENTION_DAYS, and the key with them); the same key with another request is a 422.
   */
  private async startedWith(principal: Principal, idempotency: SolveIdempotency): Promise<string | null> {
    const [row] = await this.database.executor
      .select({ id: scheduleRuns.id, fingerprint: sql<string | null>`${scheduleRuns.request} -> 'idempotency' ->> 'fingerprint'` })
      .from(scheduleRuns)
      .where(
        and(
          eq(scheduleRuns.organizationId, principal.organizationId),
          eq(scheduleRuns.createdBy, principal.userId),
          sql`${scheduleRuns.request} -> 'idempotency' ->> 'key' = ${idempotency.key}`,
        ),
      )
      .limit(1);
    if (!row) return null;
    if (row.fingerprint !== idempotency.fingerprint)
      throw new AppError(ErrorCode.IdempotencyKeyReused, 'This Idempotency-Key was used with a different request; use a new key');
    return row.id;
  }

  async get(principal: Principal, runId: string): Promise<ScheduleRun> {
    return toScheduleRun(await this.orphanChecked(await this.require(principal, runId)));
  }

  /** Stops the run and keeps its best solution; a run on another instance is stopped at its next progress write. */
  async stop(principal: Principal, runId: string): Promise<ScheduleRun> {
    const row = await this.orphanChecked(await this.require(principal, runId));
    const local = this.running.get(runId);
    if (row.status !== 'SOLVING') {
      // Taken for dead elsewhere while this instance still solves it (a stalled heartbeat): it
      // stays as it was declared, and its search is of no use any more.
      local?.stop();
      return toScheduleRun(row);
    }
    if (local) {
      this.stopRequested.add(runId);
      local.stop();
      // The run's result written (STOPPED, with its best solution), however long that takes.
      await this.settled.get(runId);
    } else {
      // Not `updatedAt`: that is the solving instance's heartbeat, which tells a run whose instance died.
      await this.database.executor
        .update(scheduleRuns)
        .set({ request: { ...row.request, stopRequested: true } })
        .where(and(eq(scheduleRuns.id, runId), eq(scheduleRuns.status, 'SOLVING')));
    }
    return toScheduleRun(await this.require(principal, runId));
  }

  /**
   * Applies the run's assignments in one transaction. A work order changed since the run started
   * (another version), or no longer in a state that can be scheduled, is reported as a conflict
   * and left as it is; so is a proposal whose people can no longer take it (gone, inactive, a
   * skill lowered), and one that would double-book its people (work booked since the run
   * started, work this publish leaves where it is, or another proposal kept before it). Booked
   * work the run left unassigned goes back to the backlog (OPEN, booking given up), as the plan
   * has no room for it, unless the run ended before deciding about it: that stays where it is.
   * Crews: the first technician leads (the work order's technician); the others are its crew,
   * booked for the same time. Work orders, then technicians, are locked in id order, so two
   * publishes never wait on each other in a cycle.
   */
  async publish(principal: Principal, runId: string): Promise<PublishResult> {
    // A run its instance left SOLVING is FAILED first (outside the publish's transaction, so
    // that it stays FAILED when the publish is refused).
    await this.orphanChecked(await this.require(principal, runId));
    return this.publisher.publish(principal, runId);
  }

  /** Scores a given set of assignments (e.g. the planner's board) with the solver's analysis. */
  async analyze(principal: Principal, analyzeRequest: AnalyzeRequest): Promise<ScheduleAnalysis> {
    const request = {
      ...withLowerCaseIds(analyzeRequest),
      assignments: analyzeRequest.assignments.map((assignment) => ({
        ...assignment,
        workOrderId: assignment.workOrderId.toLowerCase(),
        technicianIds: assignment.technicianIds.map((technicianId) => technicianId.toLowerCase()),
      })),
    };
    const { problem, refused, held } = await this.problems.build({
      organizationId: principal.organizationId,
      from: new Date(request.from),
      to: new Date(request.to),
      // By default every schedulable work order, as a solve would take: work left off the board counts as unassigned.
      workOrderIds: request.workOrderIds,
      filter: request.filter,
      alsoWorkOrderIds: request.assignments.map((assignment) => assignment.workOrderId),
      technicianIds: request.technicianIds,
    });
    if (refused.length > 0) throw AppError.validation(refused);
    const known = new Set(problem.jobs.map((job) => job.id));
    const heldFor = new Map(held.map((entry) => [entry.jobId, entry.reasons.join('; ')]));
    const unknown = request.assignments.filter((assignment) => !known.has(assignment.workOrderId));
    if (unknown.length > 0) {
      throw AppError.validation(
        unknown.map((assignment) => ({
          path: `assignments.${request.assignments.indexOf(assignment)}.workOrderId`,
          // Work held back by a predecessor cannot be placed: the board is out of order.
          message: heldFor.has(assignment.workOrderId)
            ? `cannot be placed: it ${heldFor.get(assignment.workOrderId)!}`
            : 'not a schedulable work order of your organization',
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
        unassigned: [...result.unassigned, ...held].map((entry) => ({ workOrderId: entry.jobId, reasons: entry.reasons })),
      };
    } catch (error) {
      if (error instanceof OptimizerInputError) throw AppError.validation([{ path: 'assignments', message: error.message }]);
      throw error;
    }
  }

  async onModuleDestroy(): Promise<void> {
    // Runs cut short here are FAILED, not DONE: their best so far need not have reached all the work.
    this.shuttingDown = true;
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
    /** A new best schedule so far: the run answers it while it solves (its result replaces it). */
    assignments?: Solution['assignments'],
  ): Promise<void> {
    try {
      const provisional: Partial<StoredSolution> | undefined = assignments && { assignments, unassigned: [], analysis: [] };
      const [row] = await this.database.executor
        .update(scheduleRuns)
        .set({
          ...(score ? { score } : {}),
          ...(provisional ? { solution: provisional as Record<string, unknown> } : {}),
          progress: { elapsedMs, bestScoreHistory: history },
          updatedAt: new Date(),
        })
        .where(and(eq(scheduleRuns.id, runId), eq(scheduleRuns.status, 'SOLVING')))
        .returning({ request: scheduleRuns.request });
      if (!row) {
        // No longer SOLVING: another instance took it for dead (FAILED). Nothing here may write it again.
        worker.stop();
        return;
      }
      if (row.request['stopRequested']) {
        this.stopRequested.add(runId);
        worker.stop();
      }
    } catch (error) {
      this.logger.warn(`Progress of run ${runId} not saved: ${(error as Error).message}`);
    }
  }

  private async finish(principal: Principal, runId: string, solution: Solution, plannedMinutes: Record<string, number>): Promise<void> {
    if (this.shuttingDown && !this.stopRequested.has(runId)) return this.fail(principal, runId, INSTANCE_STOPPED);
    const { searches, failedSearches } = solution.stats;
    if (failedSearches) this.logger.warn(`Run ${runId}: ${failedSearches} of ${searches} searches failed; the best of the others is kept`);
    try {
      const status = this.stopRequested.has(runId) ? 'STOPPED' : 'DONE';
      const stored: StoredSolution = {
        assignments: solution.assignments,
        unassigned: solution.unassigned,
        analysis: solution.analysis,
        churn: solution.churn,
        plannedMinutes,
      };
      const written = await this.database.executor
        .update(scheduleRuns)
        .set({
          status,
          score: solution.score,
          progress: { elapsedMs: solution.stats.elapsedMs, bestScoreHistory: solution.stats.bestScoreHistory },
          solution: stored as unknown as Record<string, unknown>,
          updatedAt: new Date(),
        })
        // A run another instance declared FAILED meanwhile stays FAILED: DONE over it would
        // make a run publishable that the planner was told had failed.
        .where(and(eq(scheduleRuns.id, runId), eq(scheduleRuns.status, 'SOLVING')))
        .returning({ id: scheduleRuns.id });
      if (written.length === 0) {
        this.logger.warn(`Run ${runId} was declared FAILED while it solved here: its result is dropped`);
        return;
      }
      this.realtime.toScheduler(principal.organizationId, principal.userId, 'schedule:progress', {
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

  private async fail(principal: Principal, runId: string, message: string): Promise<void> {
    this.logger.warn(`Run ${runId}: ${message}`);
    await this.markFailed(runId, message);
    this.forget(runId);
    this.stopRequested.delete(runId);
    this.realtime.toScheduler(principal.organizationId, principal.userId, 'schedule:progress', {
      runId,
      status: 'FAILED',
      elapsedMs: 0,
      bestScore: null,
      timestamp: new Date().toISOString(),
    });
  }

  private async markFailed(runId: string, message: string): Promise<void> {
    await this.database.executor
      .update(scheduleRuns)
      // The best-so-far shown while it solved goes: a failed run has nothing to publish.
      .set({ status: 'FAILED', error: message, solution: null, updatedAt: new Date() })
      .where(eq(scheduleRuns.id, runId))
      .catch((error: unknown) => this.logger.warn(`Failure of run ${runId} not saved: ${(error as Error).message}`));
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
      .set({ status: 'FAILED', error: INSTANCE_STOPPED, solution: null, updatedAt: new Date() })
      .where(and(eq(scheduleRuns.id, row.id), eq(scheduleRuns.status, 'SOLVING')))
      .returning();
    return updated ?? row;
  }
}

/** A solve's `Idempotency-Key` and the digest of its request, kept with the run it started. */
export interface SolveIdempotency {
  key: string;
  fingerprint: string;
}

/** The working minutes the run planned for each job: what a publish checks the crew still has. */
const plannedMinutesOf = (problem: Problem): Record<string, number> =>
  Object.fromEntries(problem.jobs.map((job) => [job.id, job.durationMinutes]));

function failureMessage(error: unknown): string {
  return error instanceof OptimizerInputError ? error.message : `solver failed: ${(error as Error).message}`;
}

/** The request with its ids in one spelling (PostgreSQL's), as the ids read from the database are. */
function withLowerCaseIds<T extends { workOrderIds?: string[]; technicianIds?: string[] }>(request: T): T {
  return {
    ...request,
    workOrderIds: request.workOrderIds?.map((id) => id.toLowerCase()),
    technicianIds: request.technicianIds?.map((id) => id.toLowerCase()),
  };
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
    // Runs started before the limit had a mode-dependent default stored 10 s or the one asked.
    timeLimitSeconds: Number(row.request['timeLimitSeconds'] ?? DEFAULT_SOLVE_SECONDS.full),
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
