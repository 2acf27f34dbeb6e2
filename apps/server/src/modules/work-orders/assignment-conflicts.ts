import type { RequiredSkillJson, SkillLevelJson } from '../../platform/db/schema';
import { isoOrNull } from '../../platform/http/mapping';
import type { WorkOrderRow } from './work-orders.repository';

export interface SkillGap {
  skill: string;
  requiredLevel: number;
  technicianLevel: number;
}

export interface Overlap {
  workOrderId: string;
  workOrderNumber: string;
  scheduledStartTime: string | null;
  scheduledEndTime: string | null;
}

/** Other booked work, as a conflict names it. */
export const toOverlap = (workOrder: WorkOrderRow): Overlap => ({
  workOrderId: workOrder.id,
  workOrderNumber: workOrder.workOrderNumber,
  scheduledStartTime: isoOrNull(workOrder.scheduledStartTime),
  scheduledEndTime: isoOrNull(workOrder.scheduledEndTime),
});

/** What speaks against giving this work to this technician at this time. */
export function assignmentConflicts(
  required: readonly RequiredSkillJson[],
  skills: readonly SkillLevelJson[],
  overlapping: readonly WorkOrderRow[],
) {
  const levels = new Map(skills.map((entry) => [entry.skill.toLowerCase(), entry.level]));
  const skillGaps: SkillGap[] = required
    .map((need) => ({ skill: need.skill, requiredLevel: need.minLevel, technicianLevel: levels.get(need.skill.toLowerCase()) ?? 0 }))
    .filter((gap) => gap.technicianLevel < gap.requiredLevel);
  const overlaps = overlapping.map(toOverlap);
  return {
    skills: skillGaps,
    overlaps,
    /** What speaks against it, in a sentence about this technician (empty when nothing does). */
    describe(technicianName: string) {
      const parts: string[] = [];
      if (skillGaps.length > 0) {
        parts.push(
          `${technicianName} lacks ${skillGaps.map((gap) => `${gap.skill} level ${gap.requiredLevel} (has ${gap.technicianLevel})`).join(', ')}`,
        );
      }
      if (overlaps.length > 0) {
        const numbers = overlaps.map((overlap) => overlap.workOrderNumber).join(', ');
        parts.push(skillGaps.length > 0 ? `overlaps ${numbers}` : `${technicianName} overlaps ${numbers}`);
      }
      return parts.join('; ');
    },
  };
}
