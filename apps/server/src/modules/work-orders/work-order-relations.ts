import type { WorkOrder, WorkOrderInclude } from '@msched/contracts';
import { Injectable } from '@nestjs/common';
import { toEquipment } from '../equipment/equipment.service';
import { toTechnician } from '../technicians/technicians.service';
import { WorkOrderDetailsRepository } from './work-order-details.repository';
import { toPartLine, toTask } from './work-order.mapper';

/**
 * Attaches `include=` relations to a page of work orders with one query per relation,
 * whatever the page size (no N+1, no joined row multiplication).
 */
@Injectable()
export class WorkOrderRelations {
  constructor(private readonly details: WorkOrderDetailsRepository) {}

  async attach(workOrders: WorkOrder[], include: readonly WorkOrderInclude[]): Promise<WorkOrder[]> {
    if (include.length === 0 || workOrders.length === 0) return workOrders;
    const ids = workOrders.map((workOrder) => workOrder.id);
    const unique = (values: (string | null)[]) => [...new Set(values.filter((value): value is string => value !== null))];
    const [technicians, equipment, tasks, partLines] = await Promise.all([
      include.includes('technician') ? this.details.techniciansByIds(unique(workOrders.map((w) => w.technicianId))) : [],
      include.includes('equipment') ? this.details.equipmentByIds(unique(workOrders.map((w) => w.equipmentId))) : [],
      include.includes('tasks') ? this.details.tasksOf(ids) : [],
      include.includes('parts') ? this.details.partLinesOf(ids) : [],
    ]);
    const techniciansById = new Map(technicians.map((row) => [row.id, toTechnician(row)]));
    const equipmentById = new Map(equipment.map((row) => [row.id, toEquipment(row)]));
    return workOrders.map((workOrder) => ({
      ...workOrder,
      ...(include.includes('technician')
        ? { technician: workOrder.technicianId ? (techniciansById.get(workOrder.technicianId) ?? null) : null }
        : {}),
      ...(include.includes('equipment') ? { equipment: equipmentById.get(workOrder.equipmentId) } : {}),
      ...(include.includes('tasks') ? { tasks: tasks.filter((task) => task.workOrderId === workOrder.id).map(toTask) } : {}),
      ...(include.includes('parts') ? { parts: partLines.filter((line) => line.workOrderId === workOrder.id).map(toPartLine) } : {}),
    }));
  }
}
