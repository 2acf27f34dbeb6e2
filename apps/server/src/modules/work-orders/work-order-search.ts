import { type SQL, sql } from 'drizzle-orm';
import { equipment, technicians, workOrders } from '../../platform/db/schema';
import { escapeLike } from '../../platform/db/sql';

/** The name of the WITH entry that holds a search's matches (one row, its `ids`). */
export const SEARCH_MATCHES = 'search_matches';

/**
 * The ids of the organization's work orders whose title, description or number, or whose
 * equipment's or technician's (the lead's or a crew member's) name or number, contains `text`
 * (case-insensitive), as one array in one row: the body of the statement's `search_matches`.
 *
 * A statement names it once in its WITH list and refers to it wherever its conditions appear
 * (`inSearchMatches`): a page and its capped count then plan and read the matches once, where a
 * subquery written into each would plan and run the union twice.
 *
 * The matching ids are a union of one set per table, so each branch can use its own trigram
 * index (an OR across joined tables would force a scan of every work order); `deleted_at is
 * null` in the joined branches lets the partial equipment/technician indexes serve the joins.
 * An array makes the set a value computed once, before the list is read, and the list then
 * fetches those rows by id. With `in (…)` the planner may instead read every row of the
 * organization and join it with the set (a common word in an organization of 200,000 work
 * orders: all 200,000 rows read for 14,000 matches, twice as slow). Crew members match through
 * the crew's GIN index (`@>` per matching technician).
 */
export function searchMatches(organizationId: string, text: string): SQL {
  const pattern = `%${escapeLike(text)}%`;
  return sql`select array(
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
  ) as ids`;
}

/**
 * The work order is among the search's matches: valid in a statement whose WITH list holds
 * `searchMatches`. The cast makes the one-row subquery an array value (`= any` of a bare
 * subquery would compare each id with the whole array).
 */
export const inSearchMatches = (): SQL => sql`${workOrders.id} = any((select ids from ${sql.identifier(SEARCH_MATCHES)})::uuid[])`;
