import {
  type DashboardStats,
  type EquipmentHistoryQuery,
  type WorkOrder,
  type WorkOrderListQuery,
  type WorkOrderPage,
  type WorkOrderInclude,
  type WorkOrderSearchQuery,
  FINISHED_WORK_ORDER_STATUSES,
  allowedNextStates,
} from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { canSeeTechnician, canSeeWorkOrder, effectiveRoles, isAllowed, seesWholeOrganization } from '../../platform/auth/access-policy';
import type { Principal } from '../../platform/auth/principal';
import { type CachedRead, ReadThroughCache, type TextCodec, generationKeys } from '../../platform/cache/read-through-cache';
import { Database } from '../../platform/db/database';
import { AppError } from '../../platform/http/app-error';
import { EquipmentRepository } from '../equipment/equipment.repository';
import { pmComplianceOf } from '../pm-plans/pm-forecast';
import { TechniciansRepository } from '../technicians/technicians.repository';
import { decodeCursor, encodeCursor, parseSort } from './work-order-cursor';
import { type VisibilityScope, type WorkOrderFilters, WorkOrderQueriesRepository, cursorValue } from './work-order-queries.repository';
import { WorkOrderRelations } from './work-order-relations';
import { WorkOrderStatsRepository } from './work-order-stats.repository';
import { type ListedRow, toListedWorkOrder, toWorkOrder } from './work-order.mapper';

/** Cache lifetimes from the design brief, in seconds; generations make them an upper bound, not a staleness window. */
export const CACHE_TTL = { list: 300, byEquipmentOrTechnician: 600, detail: 3600, history: 7200, dashboard: 60 } as const;

/** The dashboard's PM compliance covers work due in the last 30 days. */
const PM_COMPLIANCE_DAYS = 30;

export const scopeOf = (principal: Principal): VisibilityScope =>
  seesWholeOrganization(principal)
    ? { organizationId: principal.organizationId, kind: 'organization' }
    : { organizationId: principal.organizationId, kind: 'own', userId: principal.userId, technicianId: principal.technicianId };

/** The part of a cache key that says whose view it is: organization, visibility, and the roles behind allowedNextStates. */
const viewerKey = (principal: Principal) => {
  const roles = [...principal.roles].sort().join('+');
  return seesWholeOrganization(principal)
    ? `${principal.organizationId}:org:${roles}`
    : `${principal.organizationId}:own:${principal.userId}:${principal.technicianId ?? '-'}:${roles}`;
};

/** Lists, search, history and dashboard of work orders, read through the cache. */
@Injectable()
export class WorkOrderQueriesService {
  constructor(
    private readonly database: Database,
    private readonly queries: WorkOrderQueriesRepository,
    private readonly stats: WorkOrderStatsRepository,
    private readonly relations: WorkOrderRelations,
    private readonly equipment: EquipmentRepository,
    private readonly technicians: TechniciansRepository,
    private readonly cache: ReadThroughCache,
  ) {}

  /**
   * A page of work orders. An equipment or technician filter naming another organization's, or
   * none, is a 404 (as the `/equipment/:id` and `/technician/:id` forms answer), not an empty
   * list: checked on a miss, before the page is read (a hit had passed it).
   */
  list(
    principal: Principal,
    query: WorkOrderListQuery,
    namespace = 'wo-list',
    ttlSeconds: number = CACHE_TTL.list,
  ): Promise<WorkOrderPage> {
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, query.sort);
    return this.cache.read(
      {
        namespace,
        key: `${viewerKey(principal)}:${JSON.stringify(query)}`,
        generations: this.organizationGenerations(principal),
        ttlSeconds,
      },
      () =>
        this.database.read(async () => {
          await this.assertFilterSubjects(principal, query);
          return this.loadPage(principal, query, cursor);
        }),
    );
  }

  /** 404 for an equipment or technician (of a filter or a path) that is not in the caller's organization. */
  private async assertFilterSubjects(principal: Principal, filters: { equipmentId?: string; technicianId?: string }): Promise<void> {
    if (filters.equipmentId !== undefined && !(await this.equipment.find(principal.organizationId, filters.equipmentId))) {
      throw AppError.notFound('Equipment');
    }
    if (filters.technicianId !== undefined && !(await this.technicians.find(principal.organizationId, filters.technicianId))) {
      throw AppError.notFound('Technician');
    }
  }

  search(principal: Principal, query: WorkOrderSearchQuery): Promise<WorkOrderPage> {
    const { q, ...rest } = query;
    return this.list(principal, { ...rest, search: q }, 'wo-search');
  }

  byEquipment(principal: Principal, equipmentId: string, query: WorkOrderListQuery) {
    return this.list(principal, { ...query, equipmentId }, 'wo-by-equipment', CACHE_TTL.byEquipmentOrTechnician);
  }

  byTechnician(principal: Principal, technicianId: string, query: WorkOrderListQuery) {
    return this.list(principal, { ...query, technicianId }, 'wo-by-technician', CACHE_TTL.byEquipmentOrTechnician);
  }

  /** Finished work on a piece of equipment, newest actual end first. */
  async equipmentHistory(principal: Principal, equipmentId: string, query: EquipmentHistoryQuery): Promise<WorkOrderPage> {
    await this.assertFilterSubjects(principal, { equipmentId, technicianId: query.technicianId });
    return this.cache.read(
      {
        namespace: 'equipment-history',
        key: `${equipmentId}:${viewerKey(principal)}:${JSON.stringify(query)}`,
        generations: this.organizationGenerations(principal),
        ttlSeconds: CACHE_TTL.history,
      },
      () =>
        this.database.read(async () => {
          const where = this.queries.where(scopeOf(principal), {
            equipmentId,
            // The query schema allows only finished states, and never an empty list.
            status: query.status ?? [...FINISHED_WORK_ORDER_STATUSES],
            priority: query.priority,
            technicianId: query.technicianId,
            actualEndFrom: query.dateFrom,
            actualEndTo: query.dateTo,
          });
          const { rows, total } = await this.queries.history(where, query.page, query.limit);
          return {
            data: rows.map((row) => toListedWorkOrder(row, principal)),
            total: total.total,
            totalIsEstimate: total.estimate,
            page: query.page,
            limit: query.limit,
          };
        }),
    );
  }

  dashboard(principal: Principal): Promise<DashboardStats> {
    return this.cache.read(
      {
        namespace: 'dashboard',
        key: viewerKey(principal),
        generations: this.organizationGenerations(principal),
        ttlSeconds: CACHE_TTL.dashboard,
      },
      () =>
        this.database.read(async () => {
          const where = this.queries.where(scopeOf(principal), {});
          const now = new Date();
          // PM compliance of the last 30 days, over the same visible work as the other figures.
          const complianceFrom = new Date(now.getTime() - PM_COMPLIANCE_DAYS * 86_400_000);
          const [counts, topTechnicians, equipmentWithMostWorkOrders, compliance] = await Promise.all([
            this.stats.dashboardCounts(where, now),
            this.stats.topTechnicians(where),
            this.stats.equipmentWithMostWorkOrders(where),
            this.stats.pmComplianceCounts(where, complianceFrom, now),
          ]);
          return { ...counts, topTechnicians, equipmentWithMostWorkOrders, pmCompliance: pmComplianceOf(compliance, complianceFrom, now) };
        }),
    );
  }

  /** A work order's detail, cached without the caller-specific parts, which are added per caller. */
  async detail(principal: Principal, requestedId: string, include: readonly WorkOrderInclude[]): Promise<WorkOrder> {
    assertIncludesAllowed(principal, include);
    const read = detailRead(principal, requestedId, include);
    const cached = await this.cache.read(read.spec, () =>
      this.database.read(async () => {
        const row = await this.queries.findLive(principal.organizationId, read.id);
        if (!row) return null;
        const [withRelations] = await this.relations.attach([toWorkOrder(row, principal)], read.includes);
        // The next states are the loader's own: each caller gets theirs when it is presented.
        const { allowedNextStates: _loaders, ...shared } = withRelations!;
        return shared;
      }),
    );
    return presentDetail(principal, cached);
  }

  /**
   * The answer to `detail` without includes, as JSON text, if the cache holds it; else undefined
   * (without loading). The same entry, the same object check and the same per-caller part as
   * `detail`, written into the cached text instead of parsing and serializing the work order.
   */
  cachedDetailAnswer(principal: Principal, requestedId: string): Promise<CachedDetailAnswer | undefined> {
    // A promise chain, not async/await: this runs on every early-answered hit.
    return this.cache
      .cachedText(detailRead(principal, requestedId, []).spec)
      .then((text) => (text === undefined ? undefined : cachedDetailAnswerFor(principal, text)));
  }

  private async loadPage(
    principal: Principal,
    query: WorkOrderListQuery,
    cursor: ReturnType<typeof decodeCursor> | undefined,
  ): Promise<WorkOrderPage> {
    const filters: WorkOrderFilters = {
      status: query.status,
      priority: query.priority,
      technicianId: query.technicianId,
      equipmentId: query.equipmentId,
      dueDateFrom: query.dueDateFrom,
      dueDateTo: query.dueDateTo,
      createdAfter: query.createdAfter,
      search: query.search,
    };
    const scope = scopeOf(principal);
    const include = query.include ?? [];
    assertIncludesAllowed(principal, include);
    const present = async (rows: ListedRow[]) =>
      (
        await this.relations.attach(
          rows.map((row) => toListedWorkOrder(row, principal)),
          include,
        )
      ).map((workOrder) => presentTo(principal, workOrder));
    const cursorAfter = (row: ListedRow | undefined) =>
      row ? encodeCursor({ sort: query.sort, value: cursorValue(row, parseSort(query.sort).field), id: row.id }) : null;

    if (query.cursor !== undefined) {
      // One row more than asked tells whether another page follows.
      const rows = await this.queries.after(scope, filters, query.sort, cursor, query.limit);
      const page = rows.slice(0, query.limit);
      return { data: await present(page), limit: query.limit, nextCursor: rows.length > query.limit ? cursorAfter(page.at(-1)) : null };
    }
    const { rows, total } = await this.queries.page(scope, filters, query.sort, query.page, query.limit);
    return {
      data: await present(rows),
      total: total.total,
      totalIsEstimate: total.estimate,
      page: query.page,
      limit: query.limit,
      // An offset page also hands out a cursor, so a client can switch to keyset paging.
      nextCursor: rows.length === query.limit ? cursorAfter(rows.at(-1)) : null,
    };
  }

  private organizationGenerations(principal: Principal) {
    return [generationKeys.workOrders(principal.organizationId), generationKeys.reference(principal.organizationId)];
  }
}

/** A cached detail: the work order without the caller-specific allowedNextStates. */
type CachedDetail = Omit<WorkOrder, 'allowedNextStates'>;

/** What the per-caller part of a detail depends on: who may see it, and the state it is in. */
type DetailHead = Pick<WorkOrder, 'status' | 'technicianId' | 'crewTechnicianIds' | 'requesterId' | 'version'>;

/**
 * Part of every detail key: a server that stores details in another form (during a rolling
 * deployment, say) must never read this one's entries, nor this one theirs. Change it with the codec.
 */
const DETAIL_FORMAT = 'head2';

/**
 * A detail's cache entry: a line of JSON with its `DetailHead`, then the work order's JSON
 * without allowedNextStates, so that a cache hit can be checked and answered without parsing
 * the whole work order (`cachedDetailAnswer`). `null` (no such work order) is stored as is.
 */
const detailCodec: TextCodec<CachedDetail | null> = {
  encode: (detail) => {
    if (!detail) return 'null';
    const { status, technicianId, crewTechnicianIds, requesterId, version } = detail;
    const head: DetailHead = { status, technicianId, crewTechnicianIds, requesterId, version };
    // JSON text never holds a raw line break, so the first one ends the head.
    return `${JSON.stringify(head)}\n${JSON.stringify(detail)}`;
  },
  decode: (text) => {
    const entry = splitDetailEntry(text);
    return entry ? (JSON.parse(entry.body) as CachedDetail) : null;
  },
};

/** The head and body texts of a detail entry, or null for a stored `null` (no such work order). */
function splitDetailEntry(text: string): { head: string; body: string } | null {
  const split = text.indexOf('\n');
  return split < 0 ? null : { head: text.slice(0, split), body: text.slice(split + 1) };
}

/** The cache entry of a work order's detail: shared by everyone in its organization, whatever their role. */
function detailRead(principal: Principal, requestedId: string, include: readonly WorkOrderInclude[]) {
  // UUIDs are case-insensitive: one spelling, one cache entry and one generation.
  const id = requestedId.toLowerCase();
  const includes = [...new Set(include)].sort();
  const spec: CachedRead<CachedDetail | null> = {
    namespace: 'wo-detail',
    key: `${DETAIL_FORMAT}:${principal.organizationId}:${id}:${includes.join(',')}`,
    generations: [generationKeys.workOrder(id), generationKeys.reference(principal.organizationId)],
    ttlSeconds: CACHE_TTL.detail,
    codec: detailCodec,
  };
  return { id, includes, spec };
}

/** A cached detail as this caller's answer: its JSON text and its version (the ETag). */
export interface CachedDetailAnswer {
  json: string;
  version: number;
}

/** `presentDetail` on a cached entry's text: the same 404 and the same per-caller next states. */
function cachedDetailAnswerFor(principal: Principal, text: string): CachedDetailAnswer {
  const entry = splitDetailEntry(text);
  if (!entry) throw AppError.notFound('Work order');
  const head = JSON.parse(entry.head) as DetailHead;
  if (!canSeeWorkOrder(principal, head)) throw AppError.notFound('Work order');
  const nextStates = allowedNextStates(head.status, effectiveRoles(principal, head));
  // The stored body is a JSON object without allowedNextStates: append it before the closing brace.
  return { json: `${entry.body.slice(0, -1)},"allowedNextStates":${JSON.stringify(nextStates)}}`, version: head.version };
}

/** What this caller may see of a cached detail: 404 for work they may not see, their own next states. */
function presentDetail(principal: Principal, cached: CachedDetail | null): WorkOrder {
  if (!cached || !canSeeWorkOrder(principal, cached)) throw AppError.notFound('Work order');
  return presentTo(principal, { ...cached, allowedNextStates: allowedNextStates(cached.status, effectiveRoles(principal, cached)) });
}

/** Part lines carry costs: only callers who may read parts may include them. */
function assertIncludesAllowed(principal: Principal, include: readonly WorkOrderInclude[]) {
  if (include.includes('parts') && !isAllowed(principal, 'parts.read'))
    throw AppError.forbidden('Your role may not see parts and their costs');
}

/** A caller who may not read the technician's record sees only who it is. */
function presentTo(principal: Principal, workOrder: WorkOrder): WorkOrder {
  const technician = workOrder.technician;
  if (!technician || canSeeTechnician(principal, technician.id)) return workOrder;
  const { id, employeeId, firstName, lastName } = technician;
  return { ...workOrder, technician: { id, employeeId, firstName, lastName } };
}
