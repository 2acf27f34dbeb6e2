import { type SQL, sql } from 'drizzle-orm';
import { type Bind, inline } from '../../platform/db/prepared-statements';
import { equipment, fullNameOf, technicians, workOrders } from '../../platform/db/schema';
import { escapeLike } from '../../platform/db/sql';

/** The name of the WITH entry that holds a search's matches: whole work-order rows. */
export const SEARCH_MATCHES = 'search_matches';

/**
 * The organization's work orders whose title, description or number, or whose equipment's name or
 * number, or whose technician's (the lead's or a crew member's) full name or employee id, contains `text`
 * (case-insensitive), as whole rows: the body of the statement's `search_matches`, which its
 * page and capped count both read in the table's place (`searchSource`). The matches are read
 * once; written into the page and again into its count, a search planned and ran twice, and
 * each part fetched every match again by id to filter and sort it.
 *
 * Two parts that never share a row, so no de-duplication of whole rows is needed:
 * - Rows whose own text matches, read straight from the organization's trigram indexes (a
 *   common word's matches are read once, by the bitmap scan that finds them).
 * - Rows matched only through their equipment or technician: their ids (a union, de-duplicated
 *   as ids), fetched by id, less those whose own text matches (`is not true`, as a description
 *   may be empty). Each branch of that union uses its own trigram index (an OR across joined
 *   tables would force a scan of every work order); `deleted_at is null` lets the partial
 *   equipment/technician indexes serve the joins. As an array the ids are a value computed
 *   once, then fetched by id; with `in (…)` the planner may instead read every row of the
 *   organization and join it with the set. Crew members match through the crew's GIN index
 *   (`@>` per matching technician).
 */
export function searchMatches(organizationId: string, text: string, bind: Bind = inline): SQL {
  const organization = bind('searchOrganizationId', organizationId);
  const pattern = bind('searchPattern', `%${escapeLike(text)}%`);
  const ownText = sql`(${workOrders.title} ilike ${pattern} or ${workOrders.description} ilike ${pattern} or ${workOrders.workOrderNumber} ilike ${pattern})`;
  return sql`select * from ${workOrders} where ${workOrders.organizationId} = ${organization} and ${ownText}
  union all
  select * from ${workOrders} where ${workOrders.id} = any(array(
    select wo.id from ${workOrders} wo join ${equipment} on ${equipment.id} = wo.equipment_id
      where ${equipment.organizationId} = ${organization} and wo.deleted_at is null
        and (${equipment.name} ilike ${pattern} or ${equipment.equipmentNumber} ilike ${pattern})
    union
    select wo.id from ${workOrders} wo join ${technicians} on ${technicians.id} = wo.technician_id
      where ${technicians.organizationId} = ${organization} and wo.deleted_at is null
        and (${fullNameOf(technicians)} ilike ${pattern} or ${technicians.employeeId} ilike ${pattern})
    union
    select wo.id from ${workOrders} wo join ${technicians} on wo.crew_technician_ids @> array[${technicians.id}]
      where ${technicians.organizationId} = ${organization} and wo.deleted_at is null
        and (${fullNameOf(technicians)} ilike ${pattern} or ${technicians.employeeId} ilike ${pattern})
  )) and ${ownText} is not true`;
}

/**
 * What a searching statement reads in place of the table: its `search_matches`, under the
 * table's own name, so the list's conditions and order (written against `work_orders`) apply to
 * the matches unchanged.
 */
export const searchSource = (): SQL => sql`${sql.identifier(SEARCH_MATCHES)} as ${workOrders}`;
