import { DEMO_PROFILES, simulateRunToFailureFleet } from '@msched/predict';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelTraining } from '../../src/modules/predictive/model-training';
import { ModelsRepository, TRAINING_INTERRUPTED } from '../../src/modules/predictive/models.repository';
import type { TrainingData, TrainingSet } from '../../src/modules/predictive/training-data';
import type { Database } from '../../src/platform/db/database';
import { predictiveModels } from '../../src/platform/db/schema';
import { type OrganizationFixture, createOrganization } from '../support/fixtures';
import { freshDatabase } from '../support/infrastructure';
import { predictiveConfig } from './predictive-support';

/**
 * Training when the server stops: the training in flight ends at once (a stopping server does
 * not wait tens of seconds for a model it will not store), its version is recorded as
 * interrupted, and an interrupted version does not hold the type back the way a failed one does.
 */
describe('model training cut short by a stopping server, over a real database', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  let org: OrganizationFixture;
  let models: ModelsRepository;
  const compressor = DEMO_PROFILES.airCompressor;
  // Histories the trainer accepts (a simulated fleet), so the test is about stopping, not about data.
  const set: TrainingSet = {
    sensors: compressor.sensors.map((sensor) => sensor.sensor),
    trajectories: simulateRunToFailureFleet(compressor, { units: 10, seed: 5, step: 24 }),
    trainedOn: { realRunToFailure: 0, simulated: 10 },
  };
  const training = () => new ModelTraining(database, models, { build: async () => set } as unknown as TrainingData, predictiveConfig());

  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
    models = new ModelsRepository(database);
    org = await createOrganization(database, 'predictive-training');
  });
  afterAll(() => dispose());

  const version = async (id: string) => (await database.db.select().from(predictiveModels).where(eq(predictiveModels.id, id)))[0]!;

  it('records the training in flight as interrupted when the module stops, and the type is due again', async () => {
    const trainer = training();
    const started = await trainer.start(org.organizationId, 'Compressor', null);
    expect(started.status).toBe('TRAINING');
    expect(await trainer.isDue(org.organizationId, 'Compressor', new Date())).toBe(false);

    await trainer.onModuleDestroy();

    expect(await version(started.id)).toMatchObject({ status: 'FAILED', error: TRAINING_INTERRUPTED, active: false, body: null });
    expect(await training().isDue(org.organizationId, 'Compressor', new Date())).toBe(true);
  });

  it('still holds a type back for the retraining period after a training that failed on its own', async () => {
    const row = await models.create({ organizationId: org.organizationId, equipmentType: 'Chiller', sensors: ['x'], requestedBy: null });
    await models.finish(row.id, { status: 'FAILED', error: 'not enough histories' });
    expect(await training().isDue(org.organizationId, 'Chiller', new Date())).toBe(false);
  });
});
