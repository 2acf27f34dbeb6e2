import { createApi } from '@reduxjs/toolkit/query/react';
import { baseQuery } from './base-query';

/**
 * The one RTK Query slice. It starts empty: every API call lives in its own file under
 * `features/<feature>/api/` and adds itself with `api.injectEndpoints`.
 *
 * Tags: `WorkOrder` (id, or 'LIST' for every list), `WorkOrderComments` and `WorkOrderHistory`
 * (work-order id), `Notification` ('LIST'), `Lookup` (pickers: equipment, technicians, parts).
 * `PmPlan` (id or 'LIST'), `PmForecast` (forecast and compliance), `Holiday`, `EquipmentHealth`
 * (equipment id, or 'LIST' for the fleet), `SensorSeries`, `PredictiveModel`. `Technician` ('LIST'),
 * `TechnicianSchedule` and `TechnicianAvailability` (technician id), `ScheduleRun` (run id).
 * `Dashboard` ('LIST': stats and analytics), `Equipment` (id or 'LIST'; `Technician` takes an id
 * too), `EquipmentWork` (equipment id: its open work and history), `Location` ('LIST'), `Meter` (meter id).
 * `User` (id or 'LIST': the accounts an admin manages). `Organization` (the caller's own: its settings).
 * `TravelTimes` (the minutes between the organization's sites, as a whole).
 */
export const api = createApi({
  reducerPath: 'api',
  baseQuery,
  tagTypes: [
    'WorkOrder',
    'WorkOrderComments',
    'WorkOrderHistory',
    'Notification',
    'Lookup',
    'PmPlan',
    'PmForecast',
    'Holiday',
    'EquipmentHealth',
    'SensorSeries',
    'PredictiveModel',
    'Technician',
    'TechnicianSchedule',
    'TechnicianAvailability',
    'ScheduleRun',
    'Dashboard',
    'Equipment',
    'EquipmentWork',
    'Location',
    'Meter',
    'User',
    'Organization',
    'TravelTimes',
  ],
  // Lists follow the real-time channel; this only covers coming back to a tab after a while.
  refetchOnFocus: true,
  refetchOnReconnect: true,
  endpoints: () => ({}),
});

export const LIST = 'LIST';

/** `If-Match` for a change: the server's ETag of every resource is its `version`, quoted. */
export const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

/** `Idempotency-Key` for a create: a repeated POST with the same key and body creates nothing twice. */
export const idempotencyKey = (key: string) => ({ 'Idempotency-Key': key });

/** Query parameters without the empty ones; lists become the comma form the API accepts. */
export function queryParams(values: Record<string, string | number | boolean | readonly string[] | null | undefined>) {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params[key] = value.join(',');
    } else params[key] = String(value);
  }
  return params;
}
