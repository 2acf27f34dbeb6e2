import { IdParam } from './common';
import type { AddRoute } from './openapi';
import * as predictive from './predictive';
import { z } from './zod';

/** The predictive-maintenance routes of the OpenAPI document. */
export function registerPredictiveRoutes(add: AddRoute, v1: string): void {
  const all = 'any authenticated user';
  const staff = 'admin, manager, planner';
  const recorders = 'admin, manager, planner, technician';
  const sensors = `${v1}/equipment/{id}/sensors`;

  add('get', sensors, {
    summary: 'Sensors of a piece of equipment',
    tag: 'predictive',
    roles: all,
    params: IdParam,
    response: z.array(predictive.Sensor),
  });
  add('post', sensors, {
    summary: 'Add a sensor to a piece of equipment',
    tag: 'predictive',
    roles: staff,
    params: IdParam,
    body: predictive.CreateSensor,
    response: predictive.Sensor,
    status: 201,
    errors: [409],
    description: 'The name is unique per equipment (409 otherwise) and is the last level of its MQTT topic.',
  });
  add('patch', `${sensors}/{sensorId}`, {
    summary: 'Change a sensor',
    tag: 'predictive',
    roles: staff,
    params: predictive.SensorParams,
    body: predictive.UpdateSensor,
    response: predictive.Sensor,
    ifMatch: true,
    errors: [409],
  });
  add('delete', `${sensors}/{sensorId}`, {
    summary: 'Remove a sensor and its readings',
    tag: 'predictive',
    roles: staff,
    params: predictive.SensorParams,
    status: 204,
    ifMatch: true,
  });
  add('post', `${v1}/equipment/{id}/readings`, {
    summary: 'Store a batch of sensor readings',
    tag: 'predictive',
    roles: recorders,
    params: IdParam,
    body: predictive.SensorReadingsRequest,
    response: predictive.SensorReadingsResult,
    status: 200,
    description: `Up to ${predictive.MAX_READINGS_PER_BATCH} readings of any of the equipment’s sensors, in any order; late readings are welcome. The same sensor and time again is a duplicate and changes nothing. A batch with any bad row (unknown sensor, not a number, a time before 2000 or more than a day ahead) is refused whole with a 400 naming every bad row by its index (\`readings.3.sensor\`).`,
  });
  add('get', `${sensors}/{sensorId}/series`, {
    summary: 'A sensor’s readings over a range, downsampled on the server',
    tag: 'predictive',
    roles: all,
    params: predictive.SensorParams,
    query: predictive.SeriesQuery as unknown as z.ZodObject,
    response: predictive.SensorSeries,
    description:
      'Raw readings when the range holds at most `points` of them; otherwise min/avg/max per bucket, from the raw readings for buckets under an hour and from the hourly aggregates (hour-aligned) above.',
  });
  add('get', `${v1}/equipment/{id}/health`, {
    summary: 'Remaining useful life, failure probability and anomaly score of a piece of equipment',
    tag: 'predictive',
    roles: all,
    params: IdParam,
    response: predictive.EquipmentHealth,
    description:
      'The latest assessment of the background job (every minute). Equipment not assessed yet is assessed now, without side effects. Fields are null where there is nothing to go on (no active model, no failure history, no baseline yet).',
  });
  add('get', `${v1}/predictive/fleet`, {
    summary: 'Assessed equipment ranked by risk, highest first',
    tag: 'predictive',
    roles: all,
    query: predictive.FleetQuery,
    response: predictive.FleetPage,
  });
  add('get', `${v1}/predictive/reliability`, {
    heavy: true,
    summary: 'MTBF, MTTR and a Weibull fit from work-order history',
    tag: 'predictive',
    roles: all,
    query: predictive.ReliabilityQuery as unknown as z.ZodObject,
    response: predictive.Reliability,
    description:
      'A failure is CORRECTIVE or EMERGENCY work, completed or closed, with a failure mode recorded. A life runs from the previous repair’s end (or the install date) to the failure’s report; the current life since the last repair counts as censored. MTTR is the hands-on repair time (time on hold excluded). All in hours.',
  });
  add('post', `${v1}/predictive/models/train`, {
    summary: 'Train a new version of the remaining-useful-life model of an equipment type',
    tag: 'predictive',
    roles: staff,
    body: predictive.TrainModelRequest,
    response: predictive.PredictiveModel,
    status: 202,
    errors: [409],
    description:
      'Trains in a worker thread from run-to-failure histories: the sensor readings of each piece of equipment of the type before each recorded failure (plus the simulator’s fleet where digital twins of the type run). The new version becomes active when ready; poll `GET /predictive/models`. 409 when there is nothing to learn from.',
  });
  add('get', `${v1}/predictive/models`, {
    summary: 'Model versions with their evaluation, newest first',
    tag: 'predictive',
    roles: staff,
    query: predictive.ModelListQuery,
    response: predictive.PredictiveModelPage,
  });
  add('post', `${v1}/predictive/score`, {
    summary: 'Assess the organization’s equipment now (the background job does this every minute)',
    tag: 'predictive',
    roles: staff,
    response: predictive.ScoringResult,
    status: 200,
    description: 'Opens a PREDICTIVE work order where risk crossed the threshold and none is open yet for that equipment.',
  });
}
