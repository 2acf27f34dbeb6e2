/** Reliability figures a maintenance manager reads: MTBF, MTTR and the Weibull life model. */
import type { LifeRecord, RepairRecord, ReliabilityStats } from '../model';
import { fitWeibull } from './weibull';

/**
 * MTBF = total operating time (every life, censored ones included) ÷ failures; MTTR = mean
 * repair duration. Each is null when there is nothing to divide by.
 */
export function reliabilityStats(lives: LifeRecord[], repairs: RepairRecord[]): ReliabilityStats {
  const failures = lives.filter((life) => life.failed).length;
  const operating = lives.reduce((sum, life) => sum + Math.max(0, life.duration), 0);
  const repairTime = repairs.reduce((sum, repair) => sum + Math.max(0, repair.duration), 0);
  return {
    mtbf: failures > 0 ? operating / failures : null,
    mttr: repairs.length > 0 ? repairTime / repairs.length : null,
    failures,
    weibull: fitWeibull(lives),
  };
}
