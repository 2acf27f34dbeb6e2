import { CreateComment, CreateEquipment, CreateWorkOrder, UpdateWorkOrder } from '@msched/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/platform/auth/principal';
import type { Database } from '../../src/platform/db/database';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { freshDatabase, usingPostgres } from '../support/infrastructure';
import { databaseUrlOf, holdRows, lockWaits } from './locking';
import { ErrorCode } from '../../src/platform/http/app-error';
import { type Services, appError, buildServices, principalOf } from './support';

interface StoredWorkOrderEvent {
  payload: { eventType: string; workOrderId: string; data: { status: string; version: number } };
  audience: { rooms: string[] };
}

/** What the outbox holds for a work order: the events sockets receive, in commit order. */
describe('work-order events as committed', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let services: Services;
  let org: OrganizationFixture;
  let planner: Principal;

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    services = buildServices(database);
    org = await createOrganization(database, 'events-as-committed');
    planner = principalOf(org, 'planner');
  });
  afterAll(() => dispose());

  const eventsOf = (workOrderId: string) =>
    database.rows<StoredWorkOrderEvent>(
      sql`select payload, audience from events
          where organization_id = ${org.organizationId} and name = 'workorder:update' and payload->>'workOrderId' = ${workOrderId}
          order by event_id`,
    );

  const createWorkOrder = async (title: string) =>
    (await services.workOrders.create(planner, CreateWorkOrder.parse({ title, equipmentId: org.equipmentId }))).id;

  it('a work order moved to other equipment is told to the room of the equipment it left as well as the new one', async () => {
    const id = await createWorkOrder('Align coupling');
    const spare = await services.equipment.create(
      planner,
      CreateEquipment.parse({ name: 'Standby pump', equipmentNumber: 'P-102B', type: 'Pump' }),
    );
    await services.workOrders.update(planner, id, UpdateWorkOrder.parse({ equipmentId: spare.id }));

    const moved = (await eventsOf(id)).at(-1)!;
    expect(moved.payload.eventType).toBe('updated');
    expect(moved.audience.rooms.filter((room) => room.startsWith('equipment:'))).toEqual([
      `equipment:${spare.id}`,
      `equipment:${org.equipmentId}`,
    ]);
  });

  // PostgreSQL only: PGlite runs one transaction at a time, so nothing can commit in between.
  describe.runIf(usingPostgres())('with a change committing in between (PostgreSQL)', () => {
    let databaseUrl: string;
    beforeAll(async () => {
      databaseUrl = await databaseUrlOf(database);
    });

    it('a comment added while a cancellation is under way waits for it, and its event carries the cancelled order', async () => {
      const id = await createWorkOrder('Inspect gearbox');
      // The cancellation has changed the row and not yet committed.
      const cancellation = await holdRows(databaseUrl, 'select 1 from work_orders where id = $1 for update', [id]);
      await cancellation.query(`update work_orders set status = 'CANCELLED', version = version + 1 where id = $1`, [id]);
      const comment = services.execution.addComment(planner, id, CreateComment.parse({ body: 'Gearbox oil is dark' }));
      await lockWaits(database, 1, comment);
      await cancellation.release();
      await comment;

      const last = (await eventsOf(id)).at(-1)!;
      expect(last.payload.eventType).toBe('updated');
      expect(last.payload.data).toMatchObject({ status: 'CANCELLED', version: 2 });
    });

    it('a comment racing a delete is refused once the delete commits, and no event follows the deletion', async () => {
      const id = await createWorkOrder('Replace filter');
      const deletion = await holdRows(databaseUrl, 'select 1 from work_orders where id = $1 for update', [id]);
      await deletion.query(`update work_orders set deleted_at = now(), version = version + 1 where id = $1`, [id]);
      const comment = services.execution.addComment(planner, id, CreateComment.parse({ body: 'Filter on order' }));
      await lockWaits(database, 1, comment);
      await deletion.release();

      await appError(comment, ErrorCode.NotFound);
      expect((await eventsOf(id)).map((event) => event.payload.eventType)).toEqual(['created']);
    });
  });
});
