import type { Priority } from '@msched/contracts';
import { type AnomalyScore, type Driver, type RulPrediction, type WeibullFit, failureProbability } from '@msched/predict';

/**
 * From an assessment to a risk (0–100) and, when it crosses a threshold, the predictive work
 * order to open: when, how urgent, and how it is explained. Pure: the caller passes the clock.
 */

export interface Assessment {
  equipmentId: string;
  organizationId: string;
  equipmentType: string;
  rul: RulPrediction | null;
  failure: { probability: number; horizonDays: number; ageHours: number; fit: WeibullFit; source: 'equipment' | 'equipmentType' } | null;
  anomaly: AnomalyScore | null;
  model: { id: string; label: string } | null;
  /** The newest reading the assessment used. */
  asOf: Date | null;
}

export interface RiskSettings {
  leadHours: number;
  riskThreshold: number;
}

export interface Trigger {
  reason: 'rul' | 'probability';
  dueAt: Date;
  priority: Priority;
}

const HOUR_MS = 3_600_000;
/** A probability-driven work order is due when the chance of failing reaches this. */
const DUE_PROBABILITY = 0.1;

/**
 * Each signal is scaled so that 100 is its trigger: the RUL lower bound at the lead time, the
 * failure probability at the threshold. The anomaly score counts only where there is no RUL
 * model to ask (equipment types without failure history): it ranks such equipment but opens no
 * work order, as nobody can say yet what a deviation will lead to.
 */
export function riskOf(assessment: Assessment, settings: RiskSettings): number {
  const rulRisk = assessment.rul ? 100 * Math.min(1, settings.leadHours / Math.max(assessment.rul.lower, 1e-9)) : 0;
  const probabilityRisk = assessment.failure ? 100 * Math.min(1, assessment.failure.probability / settings.riskThreshold) : 0;
  const anomalyRisk = assessment.rul ? 0 : (assessment.anomaly?.score ?? 0);
  return Math.round(Math.max(rulRisk, probabilityRisk, anomalyRisk) * 10) / 10;
}

/** The drivers to show: the RUL model's when there is one, else the anomaly's. */
export const driversOf = (assessment: Assessment): Driver[] => assessment.rul?.drivers ?? assessment.anomaly?.drivers ?? [];

/**
 * A work order is due when the RUL lower bound is inside the lead time (due at that bound, when
 * the failure may come first), or when the failure probability within the horizon reaches the
 * threshold (due when the chance of failing reaches 10 %, at least a day out).
 */
export function triggerOf(assessment: Assessment, settings: RiskSettings, now: Date): Trigger | null {
  const { rul, failure } = assessment;
  if (rul && rul.lower <= settings.leadHours) {
    return {
      reason: 'rul',
      dueAt: new Date(now.getTime() + Math.max(1, rul.lower) * HOUR_MS),
      priority: rul.lower <= 24 ? 'CRITICAL' : 'HIGH',
    };
  }
  if (failure && failure.probability >= settings.riskThreshold) {
    const horizonHours = failure.horizonDays * 24;
    let low = 0;
    let high = horizonHours;
    for (let step = 0; step < 40; step++) {
      const middle = (low + high) / 2;
      if (failureProbability(failure.fit, failure.ageHours, middle) >= DUE_PROBABILITY) high = middle;
      else low = middle;
    }
    return {
      reason: 'probability',
      dueAt: new Date(now.getTime() + Math.max(24, high) * HOUR_MS),
      priority: failure.probability >= 0.8 ? 'HIGH' : 'MEDIUM',
    };
  }
  return null;
}

const hours = (value: number) => `${Math.round(value)} h`;
const percent = (value: number) => `${Math.round(value * 100)} %`;

/**
 * The work order's title and a description a planner can check the prediction against; moments
 * as `readable` writes them (the organization's time zone).
 */
export function explain(
  assessment: Assessment,
  trigger: Trigger,
  equipment: { name: string; equipmentNumber: string },
  settings: RiskSettings,
  readable: (at: Date) => string,
): { title: string; description: string } {
  const { rul, failure, anomaly, model } = assessment;
  const title =
    trigger.reason === 'rul' && rul
      ? `Predicted failure of ${equipment.name}: about ${hours(rul.estimate)} of life left`
      : `Failure risk of ${equipment.name}: ${percent(failure!.probability)} within ${failure!.horizonDays} days`;
  const lines = [
    `Opened by predictive maintenance for ${equipment.name} (${equipment.equipmentNumber}).`,
    trigger.reason === 'rul'
      ? `Why: the lower bound of the remaining useful life (${hours(rul!.lower)}) is within the ${hours(settings.leadHours)} lead time needed to plan and do the work.`
      : `Why: the failure probability within ${failure!.horizonDays} days (${percent(failure!.probability)}) reached the ${percent(settings.riskThreshold)} threshold.`,
  ];
  if (rul) {
    lines.push(
      `Remaining useful life: ${hours(rul.estimate)} (interval ${Math.round(rul.lower)}–${hours(rul.upper)}), confidence ${Math.round(rul.confidence)}/100, model ${model?.label ?? 'unknown'}.`,
    );
  }
  const drivers = driversOf(assessment);
  if (drivers.length > 0) {
    lines.push(
      `Top drivers: ${drivers
        .slice(0, 3)
        .map((driver) => `${driver.sensor} (${driver.contribution >= 0 ? '+' : ''}${driver.contribution.toFixed(1)})`)
        .join(', ')}.`,
    );
  }
  if (failure) {
    lines.push(
      `Failure probability within ${failure.horizonDays} days: ${percent(failure.probability)} (Weibull shape ${failure.fit.shape.toFixed(2)}, scale ${hours(failure.fit.scale)}, fitted on ${failure.source === 'equipment' ? 'this equipment' : `all ${assessment.equipmentType} equipment`}; ${hours(failure.ageHours)} since the last repair).`,
    );
  }
  if (anomaly) lines.push(`Anomaly score against its own healthy baseline: ${Math.round(anomaly.score)}/100.`);
  if (assessment.asOf) lines.push(`Data as of ${readable(assessment.asOf)}.`);
  lines.push(`Due ${readable(trigger.dueAt)}: before the predicted failure.`);
  return { title: title.slice(0, 300), description: lines.join('\n') };
}
