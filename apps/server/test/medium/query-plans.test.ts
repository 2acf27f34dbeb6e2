import { sql } from 'drizzle-orm';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type VisibilityScope,
  type WorkOrderFilters,
  WorkOrderQueriesRepository,
} from '../../src/modules/work-orders/work-order-queries.repository';
import type { Database } from '../../src/platform/db/database';
import { freshDatabase, usingPostgres } from '../support/infrastructure';

/**
 * The planner's choices depend on table statistics, so this runs on PostgreSQL only (CI always
 * sets DATABASE_URL), over 200,000 work orders in 20 organizations: the size of a large plant.
 */
describe.runIf(usingPostgres())('query plans on a realistic table (PostgreSQL)', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let explain: Client;
  let organizationId: string;
  const repository = () => new WorkOrderQueriesRepository(database);

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    await database.rows(sql`
      insert into organizations (name, slug) select 'Plant ' || n, 'plant-' || n from generate_series(1, 20) n`);
    await database.rows(sql`
      insert into equipment (organization_id, equipment_number, name, type)
      select o.id, 'EQ-' || n, (array['Feed pump','Main compressor','Conveyor drive','Boiler','Chiller'])[1 + n % 5] || ' ' || n, 'Pump'
      from organizations o, generate_series(1, 50) n`);
    await database.rows(sql`
      insert into technicians (organization_id, employee_id, first_name, last_name)
      select o.id, 'T-' || n, (array['Anna','Ben','Chris','Dana'])[1 + n % 4], (array['Weber','Koch','Wolf','Braun'])[1 + n % 4] || n
      from organizations o, generate_series(1, 12) n`);
    await database.rows(sql`
      with e as (select organization_id, id, row_number() over (partition by organization_id order by id) - 1 as k from equipment),
           t as (select organization_id, id, row_number() over (partition by organization_id order by id) - 1 as k from technicians)
      insert into work_orders (organization_id, number, work_order_number, title, description, type, status, priority,
                               due_date, equipment_id, technician_id, created_at, updated_at)
      select o.id, n, 'WO-' || lpad(n::text, 6, '0'),
             (array['Replace bearing','Inspect belt','Lubricate gearbox','Calibrate sensor','Fix oil leak','Clean filter'])[1 + n % 6] || ' ' || n,
             'Found during round ' || n,
             'CORRECTIVE',
             -- As in a plant with a year of history: 97 % finished, 3 % open work.
             case n % 100 when 0 then 'OPEN' when 1 then 'SCHEDULED' when 2 then 'IN_PROGRESS' when 3 then 'COMPLETED'
                          else 'CLOSED' end::work_order_status,
             (array['LOW','MEDIUM','HIGH','CRITICAL']::priority[])[1 + n % 4],
             now() - interval '400 days' + (n % 500) * interval '1 day',
             e.id, t.id,
             now() - (n % 400) * interval '1 day', now()
      from organizations o
      cross join generate_series(1, 10000) n
      join e on e.organization_id = o.id and e.k = n % 50
      join t on t.organization_id = o.id and t.k = n % 12`);
    // VACUUM as autovacuum would: it also marks the pages all-visible, which index-only scans rely on.
    await database.rows(sql`vacuum analyze`);
    [{ id: organizationId }] = (await database.rows<{ id: string }>(sql`select id from organizations where slug = 'plant-7'`)) as [
      { id: string },
    ];
    explain = new Client({ connectionString: process.env.DATABASE_URL!.replace(/\/[^/]*$/, `/${await databaseName()}`) });
    await explain.connect();
  }, 300_000);

  afterAll(async () => {
    await explain?.end();
    await dispose();
  });

  const databaseName = async () => (await database.rows<{ name: string }>(sql`select current_database() as name`))[0]!.name;

  /** The indexes a statement's plan reads, and the tables it scans whole. */
  async function plan(statement: {
    sql: string;
    params: unknown[];
  }): Promise<{ indexes: string[]; indexOnly: string[]; seqScans: string[] }> {
    const result = await explain.query(`explain (format json) ${statement.sql}`, statement.params);
    const indexes: string[] = [];
    const indexOnly: string[] = [];
    const seqScans: string[] = [];
    const walk = (node: Record<string, unknown>) => {
      if (typeof node['Index Name'] === 'string') indexes.push(node['Index Name']);
      if (node['Node Type'] === 'Index Only Scan') indexOnly.push(String(node['Index Name']));
      if (node['Node Type'] === 'Seq Scan') seqScans.push(String(node['Relation Name']));
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk((result.rows[0]['QUERY PLAN'] as [{ Plan: Record<string, unknown> }])[0].Plan);
    return { indexes, indexOnly, seqScans };
  }

  const wholeOrganization = (): VisibilityScope => ({ organizationId, kind: 'organization' });

  /** The plan of page 1 of a list, 20 rows in due-date order, with its capped count. */
  const pagePlan = (scope: VisibilityScope, filters: WorkOrderFilters) =>
    plan(repository().pageQuery(scope, filters, 'dueDate', 1, 20).toSQL());

  it('has the data it claims', async () => {
    const [row] = await database.rows<{ n: number }>(sql`select count(*)::int as n from work_orders`);
    expect(row!.n).toBe(200_000);
  });

  it('the filtered list of open work (status + due-date order) reads the status/due-date index', async () => {
    const used = await pagePlan(wholeOrganization(), { status: ['OPEN', 'SCHEDULED'] });
    expect(used.indexes).toContain('work_orders_org_status_due_idx');
    expect(used.seqScans).not.toContain('work_orders');
  });

  it('the unfiltered list in due-date order walks the organization/due-date index', async () => {
    const used = await pagePlan(wholeOrganization(), {});
    expect(used.indexes).toContain('work_orders_org_due_idx');
    expect(used.seqScans).not.toContain('work_orders');
  });

  it('the capped total of a broad list (where counting costs most) is counted from the count index alone', async () => {
    // Thousands of matches: counting 1,001 of them must not fetch 1,001 rows. (A selective filter,
    // a few hundred matches, may rightly be counted from its own index instead.)
    const broad = [{}, { priority: ['LOW' as const, 'MEDIUM' as const, 'HIGH' as const] }, { dueDateTo: new Date().toISOString() }];
    for (const filters of broad) {
      const used = await pagePlan(wholeOrganization(), filters);
      expect(used.indexOnly).toContain('work_orders_org_count_idx');
      expect(used.seqScans).not.toContain('work_orders');
    }
  });

  it('search reads the organization’s trigram indexes of title, description and number, then fetches the matches by id', async () => {
    const used = await pagePlan(wholeOrganization(), { search: '4217' });
    expect(used.indexes).toEqual(
      expect.arrayContaining([
        'work_orders_org_title_trgm_idx',
        'work_orders_org_description_trgm_idx',
        'work_orders_org_number_trgm_idx',
        'work_orders_pkey',
        // Crew members whose name matches: their work through the crew's GIN index.
        'work_orders_crew_idx',
      ]),
    );
    // Not a read of every row of the organization (its list-order index) to find the few that match.
    expect(used.indexes).not.toContain('work_orders_org_due_idx');
    expect(used.seqScans).not.toContain('work_orders');
  });

  it('a search page reads its matches once, for the page and its count alike', async () => {
    const used = await pagePlan(wholeOrganization(), { search: 'bearing' });
    // One scan per branch of the union; written into the page and into its count, there were two.
    for (const index of ['work_orders_org_title_trgm_idx', 'work_orders_crew_idx']) {
      expect(used.indexes.filter((name) => name === index)).toHaveLength(1);
    }
  });

  it('search within the filtered list of open work reads the trigram indexes too', async () => {
    const used = await pagePlan(wholeOrganization(), { status: ['OPEN', 'SCHEDULED'], search: '4200' });
    expect(used.indexes).toEqual(expect.arrayContaining(['work_orders_org_title_trgm_idx', 'work_orders_org_number_trgm_idx']));
    expect(used.seqScans).not.toContain('work_orders');
  });

  it('a technician’s own list reads the technician and requester indexes', async () => {
    const [technician] = await database.rows<{ id: string }>(
      sql`select id from technicians where organization_id = ${organizationId} limit 1`,
    );
    const used = await pagePlan(
      { organizationId, kind: 'own', userId: '00000000-0000-0000-0000-000000000000', technicianId: technician!.id },
      {},
    );
    expect(used.indexes.some((name) => name.startsWith('work_orders_technician_'))).toBe(true);
    expect(used.indexes).toContain('work_orders_requester_idx');
    expect(used.seqScans).not.toContain('work_orders');
  });
});
