import { CreateSensor, ReliabilityQuery } from '@msched/contracts';
import { failureProbability, fitWeibull } from '@msched/predict';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/platform/db/database';
import { equipmentHealth, workOrders } from '../../src/platform/db/schema';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { freshDatabase } from '../support/infrastructure';
import { insertWorkOrders } from '../support/query-fixtures';
import { DAY, HOUR, type Predictive, buildPredictive, insertMachine, predictiveConfig } from './predictive-support';
import { type Services, buildServices, principalOf } from './support';

/**
 * Reliability from work-order history over a real database, on lifetimes worked out by hand,
 * and the assessment run acting on it: two runs racing open one predictive work order.
 *
 * Day 0 is 100 days ago; the records begin with an inspection on day 0.
 *   Fan A, installed day 10: failures reported day 30 (3 h repair, back day 30 + 4 h) and day 70
 *     (1 h, back + 2 h) → lives 480 h and 956 h, then 718 h running (censored).
 *   Fan B, installed day 20: failure day 50 (2 h, back + 3 h) → life 720 h, then 1,197 h running.
 *   Fan C, installed long before the records: failure day 60 (4 h, back + 5 h) → its first life is
 *     unknown and left out; then 955 h running.
 * Failed lives 480, 956, 720; operating time 5,026 h → MTBF 5,026 / 3 = 1,675.3 h; MTTR (3 + 1 +
 * 2 + 4) / 4 = 2.5 h. Fan A alone: (480 + 956 + 718) / 2 = 1,077 h, MTTR 2 h, 718 h since its repair.
 */
describe('reliability from work-order history over a real database', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let services: Services;
  let predictive: Predictive;
  let org: OrganizationFixture;
  let fanA: string;
  const day0 = Date.now() - 100 * DAY;
  const at = (day: number, hours = 0) => new Date(day0 + day * DAY + hours * HOUR);
  // Numbers far above the organization counter the server hands out.
  let number = 9000;

  async function failure(equipmentId: string, day: number, repairHours: number, backAfterHours: number) {
    await insertWorkOrders(database, { organizationId: org.organizationId, equipmentId }, [
      {
        number: ++number,
        type: number % 2 ? 'CORRECTIVE' : 'EMERGENCY',
        status: number % 2 ? 'CLOSED' : 'COMPLETED',
        createdAt: at(day),
        actualStartTime: at(day, 0.5),
        actualEndTime: at(day, backAfterHours),
        actualDuration: repairHours * 60,
        completion: { failureMode: 'BRD' },
      },
    ]);
  }

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    services = buildServices(database);
    predictive = buildPredictive(database, services);
    org = await createOrganization(database, 'reliability');
    fanA = await insertMachine(database, org.organizationId, { equipmentNumber: 'FAN-A', type: 'Fan', installDate: at(10) });
    const fanB = await insertMachine(database, org.organizationId, { equipmentNumber: 'FAN-B', type: 'Fan', installDate: at(20) });
    const fanC = await insertMachine(database, org.organizationId, { equipmentNumber: 'FAN-C', type: 'Fan', installDate: at(-400) });
    await insertWorkOrders(database, { organizationId: org.organizationId, equipmentId: fanA }, [
      { number: ++number, type: 'INSPECTION', status: 'CLOSED', createdAt: at(0) },
    ]);
    await failure(fanA, 30, 3, 4);
    await failure(fanA, 70, 1, 2);
    await failure(fanB, 50, 2, 3);
    await failure(fanC, 60, 4, 5);
    // Work that is not a failure: no failure mode, not finished, deleted, or preventive.
    await insertWorkOrders(database, { organizationId: org.organizationId, equipmentId: fanB }, [
      {
        number: ++number,
        type: 'CORRECTIVE',
        status: 'CLOSED',
        createdAt: at(80),
        actualEndTime: at(80, 1),
        completion: { remedy: 'adjusted' },
      },
      { number: ++number, type: 'CORRECTIVE', status: 'IN_PROGRESS', createdAt: at(85), completion: { failureMode: 'BRD' } },
      { number: ++number, type: 'EMERGENCY', status: 'CLOSED', createdAt: at(86), deletedAt: at(87), completion: { failureMode: 'BRD' } },
      { number: ++number, type: 'PREVENTIVE', status: 'CLOSED', createdAt: at(88), completion: { failureMode: 'BRD' } },
    ]);
  });
  afterAll(() => dispose());

  const analyze = (query: Record<string, unknown>) =>
    predictive.reliability.analyze(principalOf(org, 'technician'), ReliabilityQuery.parse(query));

  it('computes MTBF and MTTR of a type from the lives worked out by hand', async () => {
    const fans = await analyze({ equipmentType: 'Fan' });
    expect(fans).toMatchObject({ equipmentType: 'Fan', equipmentId: null, failures: 4, censored: 3, horizonDays: 30, ageHours: null });
    // The censored lives grow while the test runs: within minutes of the figures.
    expect(fans.mtbfHours).toBeCloseTo(5026 / 3, 1);
    expect(fans.mttrHours).toBe(2.5);
    // The fit is the package's on exactly these lives.
    const fit = fitWeibull([
      { duration: 480, failed: true },
      { duration: 956, failed: true },
      { duration: 718, failed: false },
      { duration: 720, failed: true },
      { duration: 1197, failed: false },
      { duration: 955, failed: false },
    ])!;
    expect(fans.weibull!.shape).toBeCloseTo(fit.shape, 3);
    expect(fans.weibull!.scale).toBeCloseTo(fit.scale, 0);
    expect(fans.weibull!.source).toBe('equipmentType');
    expect(fans.failureProbability).toBeCloseTo(failureProbability(fit, 0, 30 * 24), 3);
  });

  it('answers one piece of equipment with its own figures and the probability given its age', async () => {
    const one = await analyze({ equipmentId: fanA, horizonDays: 10 });
    expect(one).toMatchObject({ equipmentType: 'Fan', equipmentId: fanA, failures: 2, censored: 1, mttrHours: 2, horizonDays: 10 });
    expect(one.mtbfHours).toBeCloseTo(1077, 1);
    expect(one.ageHours).toBeCloseTo(718, 1);
    // Two failures are too few for a fit of its own: the type's is used.
    expect(one.weibull!.source).toBe('equipmentType');
    const fit = { ...one.weibull!, failures: 3, censored: 3 };
    expect(one.failureProbability).toBeCloseTo(failureProbability(fit, one.ageHours!, 240), 9);
  });

  it('two assessment runs racing open one predictive work order for the fan most at risk, and none again', async () => {
    // Any failure probability opens work here; sensors put the fans in the run.
    const eager = buildPredictive(database, services, predictiveConfig({ PREDICTIVE_RISK_THRESHOLD: '0.01' }));
    await eager.sensors.create(principalOf(org, 'planner'), fanA, CreateSensor.parse({ name: 'vibration', unit: 'mm/s' }));
    const runs = await Promise.all([eager.scoring.run(), eager.scoring.run()]);
    expect(runs.map((run) => run.scored)).toEqual([1, 1]);
    expect(runs.flatMap((run) => run.openedWorkOrderIds)).toHaveLength(1);
    const opened = await database.db
      .select()
      .from(workOrders)
      .where(and(eq(workOrders.equipmentId, fanA), eq(workOrders.type, 'PREDICTIVE')));
    expect(opened).toHaveLength(1);
    expect(opened[0]!.description).toContain('Why: the failure probability within 30 days');
    expect(opened[0]!.estimatedDuration).toBe(150);
    expect((await eager.scoring.run()).openedWorkOrderIds).toEqual([]);
    const [health] = await database.db.select().from(equipmentHealth).where(eq(equipmentHealth.equipmentId, fanA));
    expect(health).toMatchObject({ risk: 100, horizonDays: 30, rulEstimate: null, anomalyScore: null });
    expect(health!.failureProbability).toBeGreaterThan(0.01);
  });
});
