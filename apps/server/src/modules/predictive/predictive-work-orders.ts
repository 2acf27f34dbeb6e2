import { OPEN_WORK_ORDER_STATUSES } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { Database } from '../../platform/db/database';
import { EventOutbox } from '../../platform/events/outbox';
import { isoOrNull } from '../../platform/http/mapping';
import { NotificationsService } from '../notifications/notifications.service';
import { WorkOrderDetailsRepository } from '../work-orders/work-order-details.repository';
import { WorkOrderEvents } from '../work-orders/work-order-events';
import { formatWorkOrderNumber } from '../work-orders/work-order-number';
import { WorkOrdersRepository } from '../work-orders/work-orders.repository';
import { AlertsRepository } from './alerts.repository';
import { HistoryRepository } from './history.repository';
import { type Assessment, type RiskSettings, type Trigger, driversOf, explain } from './risk';

export interface PredictedEquipment {
  id: string;
  organizationId: string;
  name: string;
  equipmentNumber: string;
  type: string;
  ownerId: string | null;
  maintenanceManagerId: string | null;
}

/** Planned minutes when the type's repairs say nothing: two hours. */
const DEFAULT_MINUTES = 120;

/**
 * Opens a PREDICTIVE work order when an assessment crosses the threshold: once per episode, so
 * while the one opened before is still open nothing new is made. The claim (an unresolved alert
 * row, unique per equipment) is taken in the same transaction as the work order, the same way PM
 * occurrences are, so two scoring runs racing make one work order. The work order is made like
 * the PM generator makes its own (number, history, `created` event through the outbox), so the
 * scheduler and every client treat it as any other work.
 */
@Injectable()
export class PredictiveWorkOrders {
  constructor(
    private readonly database: Database,
    private readonly alerts: AlertsRepository,
    private readonly history: HistoryRepository,
    private readonly workOrders: WorkOrdersRepository,
    private readonly details: WorkOrderDetailsRepository,
    private readonly events: WorkOrderEvents,
    private readonly notifications: NotificationsService,
    private readonly outbox: EventOutbox,
  ) {}

  /** Answers the id of the work order opened now, or null. */
  async act(
    equipment: PredictedEquipment,
    assessment: Assessment,
    trigger: Trigger | null,
    settings: RiskSettings,
    estimatedMinutes: number | null,
    now: Date,
  ): Promise<string | null> {
    if (!trigger && !(await this.alerts.hasOpen(equipment.id))) return null;
    return this.database.transaction(async () => {
      const open = await this.alerts.lockOpen(equipment.id);
      if (open) {
        const workOrder = open.workOrderId ? await this.workOrders.find(equipment.organizationId, open.workOrderId) : undefined;
        if (workOrder && OPEN_WORK_ORDER_STATUSES.includes(workOrder.status)) return null;
        // Its work order was finished, cancelled or deleted: the episode is over.
        await this.alerts.resolve(open.id, now);
      }
      if (!trigger) return null;
      const claimed = await this.alerts.claim({
        organizationId: equipment.organizationId,
        equipmentId: equipment.id,
        prediction: {
          reason: trigger.reason,
          rul: assessment.rul ? { estimate: assessment.rul.estimate, lower: assessment.rul.lower, upper: assessment.rul.upper } : null,
          failureProbability: assessment.failure?.probability ?? null,
          anomalyScore: assessment.anomaly?.score ?? null,
          model: assessment.model?.label ?? null,
          asOf: isoOrNull(assessment.asOf),
        },
      });
      if (!claimed) return null;
      const workOrderId = await this.open(equipment, assessment, trigger, settings, estimatedMinutes);
      await this.alerts.attach(claimed.id, workOrderId);
      return workOrderId;
    });
  }

  private async open(
    equipment: PredictedEquipment,
    assessment: Assessment,
    trigger: Trigger,
    settings: RiskSettings,
    estimatedMinutes: number | null,
  ): Promise<string> {
    const organizationId = equipment.organizationId;
    const readable = await this.notifications.timeReader(organizationId);
    const { title, description } = explain(assessment, trigger, equipment, settings, readable);
    const number = await this.workOrders.nextNumber(organizationId);
    const row = await this.workOrders.insert({
      organizationId,
      number,
      workOrderNumber: formatWorkOrderNumber(number),
      title,
      description,
      type: 'PREDICTIVE',
      priority: trigger.priority,
      equipmentId: equipment.id,
      dueDate: trigger.dueAt,
      estimatedDuration: estimatedMinutes ?? DEFAULT_MINUTES,
      requiredSkills: await this.history.repairSkills(organizationId, equipment.id, equipment.type),
      requesterId: null,
    });
    await this.details.recordHistory([
      {
        organizationId,
        workOrderId: row.id,
        kind: 'status',
        fromStatus: null,
        toStatus: 'OPEN',
        note: `opened by predictive maintenance (${trigger.reason === 'rul' ? 'remaining useful life' : 'failure probability'})`,
        userId: null,
      },
    ]);
    await this.events.created(organizationId, row);
    const drivers = driversOf(assessment).slice(0, 3);
    const recipients = await this.notifications.mayNotifyAbout(organizationId, [equipment.ownerId, equipment.maintenanceManagerId], row);
    const notices = await this.notifications.notify(organizationId, recipients, {
      // The notification types are a closed list of the real-time contract; a prediction is a
      // system notice whose data says what it is.
      type: 'system',
      title: `Predictive work order for ${equipment.name}`,
      message: `${row.workOrderNumber}: ${title}. Due ${readable(trigger.dueAt)}.`,
      data: {
        kind: 'predictive_work_order',
        workOrderNumber: row.workOrderNumber,
        reason: trigger.reason,
        rul: assessment.rul
          ? { estimate: assessment.rul.estimate, lower: assessment.rul.lower, upper: assessment.rul.upper, unit: assessment.rul.unit }
          : null,
        failureProbability: assessment.failure?.probability ?? null,
        confidence: assessment.rul?.confidence ?? null,
        drivers,
        modelVersion: assessment.model?.label ?? null,
        dueDate: trigger.dueAt.toISOString(),
      },
      workOrderId: row.id,
      equipmentId: equipment.id,
    });
    await this.outbox.record(organizationId, notices);
    return row.id;
  }
}
