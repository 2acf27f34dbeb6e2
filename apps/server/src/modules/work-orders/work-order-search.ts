import { type SQL, sql } from 'drizzle-orm';
import { equipment, technicians, workOrders } from '../../platform/db/schema';
import { escapeLike } from '../../platform/db/sql';

/**
 * Work orders of the organization whose title, description or number, or whose equipment's or
 * technician's (the lead's or a crew member's) name or number, contains `text` (case-insensitive).
 *
 * The matching ids are a union of one set per table, so each branch can use its own trigram
 * index (an OR across joined tables would force a scan of every work order); `deleted_at is
 * null` in the joined branches lets the partial equipment/technician indexes serve the joins.
 * `= any(array(…))` makes the set a value computed once, before the list is read, and the list
 * then fetches those rows by id. With `in (…)` the planner may instead read every row of the
 * organization and join it with the set (a common word in an organization of 200,000 work
 * orders: all 200,000 rows read for 14,000 matches, twice as slow). Crew members match through
 * the crew's GIN index (`@>` per matching technician).
 */
export function matchesSearch(organizationId: string, text: string): SQL {
  const pattern = `%${escapeLike(text)}%`;
  return sql`${workOrders.id} = any(array(
    select ${workOrders.id} from ${workOrders}
      where ${workOrders.organizationId} = ${organizationId}
        and (${workOrders.title} ilike ${pattern} or ${workOrders.description} ilike ${pattern} or ${workOrders.workOrderNumber} ilike ${pattern})
    union
    select wo.id from ${workOrders} wo join ${equipment} on ${equipment.id} = wo.equipment_id
      where ${equipment.organizationId} = ${organizationId} and wo.deleted_at is null
        and (${equipment.name} ilike ${pattern} or ${equipment.equipmentNumber} ilike ${pattern})
    union
    select wo.id from ${workOrders} wo join ${technicians} on ${technicians.id} = wo.technician_id
      where ${technicians.organizationId} = ${organizationId} and wo.deleted_at is null
        and (${technicians.firstName} ilike ${pattern} or ${technicians.lastName} ilike ${pattern} or ${technicians.employeeId} ilike ${pattern})
    union
    select wo.id from ${workOrders} wo join ${technicians} on wo.crew_technician_ids @> array[${technicians.id}]
      where ${technicians.organizationId} = ${organizationId} and wo.deleted_at is null
        and (${technicians.firstName} ilike ${pattern} or ${technicians.lastName} ilike ${pattern} or ${technicians.employeeId} ilike ${pattern})
  ))`;
}
