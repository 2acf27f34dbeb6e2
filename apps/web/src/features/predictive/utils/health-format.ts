import type { EquipmentHealth } from '@msched/contracts';

type Rul = NonNullable<EquipmentHealth['rul']>;
type ChipColor = 'success' | 'warning' | 'error' | 'default';

/** Whole numbers above 10, one decimal below (a RUL of 4.5 h matters to the half hour). */
const amount = (value: number) => (Math.abs(value) >= 10 ? String(Math.round(value)) : String(Math.round(value * 10) / 10));

/** "412 h" / "3 cycles": the estimate in its own unit. */
export const formatRul = (rul: Pick<Rul, 'estimate' | 'unit'>) => `${amount(rul.estimate)} ${rul.unit}`;
export const formatRulInterval = (rul: Rul) => `${amount(rul.lower)}–${amount(rul.upper)} ${rul.unit}`;

/** 0.0734 → "7.3 %"; under 0.1 % reads "< 0.1 %". */
export function formatProbability(probability: number): string {
  const percent = probability * 100;
  if (percent > 0 && percent < 0.1) return '< 0.1 %';
  return `${percent >= 10 ? Math.round(percent) : Math.round(percent * 10) / 10} %`;
}

export interface Level {
  label: string;
  color: ChipColor;
}

/** Risk 0–100 where 100 means a predictive work order is due. */
export function riskLevel(risk: number): Level {
  if (risk >= 100) return { label: 'Action due', color: 'error' };
  if (risk >= 70) return { label: 'High', color: 'error' };
  if (risk >= 40) return { label: 'Elevated', color: 'warning' };
  return { label: 'Low', color: 'success' };
}

/** 0 = like its own healthy baseline, 100 = far outside it. */
export function anomalyLevel(score: number): Level {
  if (score >= 70) return { label: 'Far from normal', color: 'error' };
  if (score >= 40) return { label: 'Unusual', color: 'warning' };
  return { label: 'Normal', color: 'success' };
}

export function confidenceLevel(confidence: number): Level {
  if (confidence >= 70) return { label: 'High', color: 'success' };
  if (confidence >= 40) return { label: 'Moderate', color: 'warning' };
  return { label: 'Low', color: 'error' };
}

/**
 * What a confidence figure means, for the tooltip beside it: how far to trust the RUL. It falls
 * as the interval widens, as readings leave the range the model learned from, and as sensors go
 * silent (packages/predict, rulConfidence).
 */
export function confidenceMeaning(confidence: number | null): string {
  if (confidence === null) return 'No confidence figure: there is no remaining-life estimate for this equipment yet.';
  const level = confidenceLevel(confidence);
  const advice =
    level.label === 'High'
      ? 'The estimate can be planned on.'
      : level.label === 'Moderate'
        ? 'Plan on the lower end of the interval.'
        : 'Treat the estimate as a rough guide and inspect the equipment.';
  return (
    `Confidence ${Math.round(confidence)} of 100 (${level.label.toLowerCase()}): how far to trust the remaining-life estimate. ` +
    'It is lower when the interval is wide, when readings are outside what the model learned from, or when sensors are silent. ' +
    advice
  );
}

export interface IntervalGeometry {
  /** Positions on a 0–100 % track. */
  lowerPercent: number;
  upperPercent: number;
  estimatePercent: number;
  /** The value at the right end of the track. */
  max: number;
}

/** Where the interval and the estimate sit on a track from 0 to `max` (default: the upper bound plus a margin). */
export function intervalGeometry(rul: Rul, max = Math.max(rul.upper * 1.1, 1e-9)): IntervalGeometry {
  const at = (value: number) => Math.min(100, Math.max(0, (value / max) * 100));
  return { lowerPercent: at(rul.lower), upperPercent: at(rul.upper), estimatePercent: at(rul.estimate), max };
}

/** The link to an equipment's predictive work orders: the work-order list filters by equipment (it has no type filter). */
export const predictiveWorkOrdersPath = (equipmentId: string) => `/work-orders?equipmentId=${equipmentId}`;
