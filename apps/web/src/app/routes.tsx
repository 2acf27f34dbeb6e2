import { type Permission, type Role, rolesAllow } from '@msched/contracts';
import AssignmentIcon from '@mui/icons-material/AssignmentOutlined';
import PmPlansIcon from '@mui/icons-material/EventRepeatOutlined';
import PredictiveIcon from '@mui/icons-material/MonitorHeartOutlined';
import DashboardIcon from '@mui/icons-material/DashboardOutlined';
import TechniciansIcon from '@mui/icons-material/EngineeringOutlined';
import UsersIcon from '@mui/icons-material/ManageAccountsOutlined';
import OrganizationIcon from '@mui/icons-material/BusinessOutlined';
import NotificationsIcon from '@mui/icons-material/NotificationsOutlined';
import EquipmentIcon from '@mui/icons-material/PrecisionManufacturingOutlined';
import TodayIcon from '@mui/icons-material/Today';
import ScheduleBoardIcon from '@mui/icons-material/ViewTimelineOutlined';
import TravelTimesIcon from '@mui/icons-material/AltRouteOutlined';
import { type ComponentType, type ReactElement, lazy } from 'react';

/**
 * The app's screens. To add one: a page component in `features/<feature>/components/`, then an
 * entry here; `nav` puts it in the drawer (and the phone menu) for whom it says.
 * Pages load on first visit (one chunk per feature), so the first screen stays small.
 */
export interface AppRoute {
  path: string;
  Page: ComponentType;
  /**
   * For whom: those whose roles allow `permission` (the server's own table) and, where `roles`
   * is set, who hold one of them (a view made for a role, such as a technician's day).
   */
  nav?: { label: string; icon: ReactElement; permission?: Permission; roles?: readonly Role[] };
}

const page = <M,>(load: () => Promise<M>, pick: (module: M) => ComponentType) => lazy(async () => ({ default: pick(await load()) }));

const workOrders = () => import('@/features/work-orders');
const dashboard = () => import('@/features/dashboard');
const equipment = () => import('@/features/equipment');
const technicians = () => import('@/features/technicians');
const notifications = () => import('@/features/notifications');
const scheduling = () => import('@/features/scheduling');
const pmPlans = () => import('@/features/pm-plans');
const predictive = () => import('@/features/predictive');
const users = () => import('@/features/users');
const organization = () => import('@/features/organization');

export const appRoutes: AppRoute[] = [
  {
    path: 'my-work',
    Page: page(workOrders, (module) => module.MyWorkPage),
    nav: { label: 'My work', icon: <TodayIcon />, roles: ['technician'] },
  },
  {
    path: 'work-orders',
    Page: page(workOrders, (module) => module.WorkOrdersPage),
    nav: { label: 'Work orders', icon: <AssignmentIcon /> },
  },
  { path: 'work-orders/new', Page: page(workOrders, (module) => module.CreateWorkOrderPage) },
  { path: 'work-orders/:workOrderId', Page: page(workOrders, (module) => module.WorkOrderDetailPage) },
  { path: 'work-orders/:workOrderId/edit', Page: page(workOrders, (module) => module.EditWorkOrderPage) },
  {
    path: 'notifications',
    Page: page(notifications, (module) => module.NotificationsPage),
    nav: { label: 'Notifications', icon: <NotificationsIcon /> },
  },
  {
    path: 'schedule',
    Page: page(scheduling, (module) => module.SchedulingBoardPage),
    nav: { label: 'Scheduling board', icon: <ScheduleBoardIcon />, permission: 'technicians.list' },
  },
  {
    path: 'dashboard',
    Page: page(dashboard, (module) => module.DashboardPage),
    nav: { label: 'Dashboard', icon: <DashboardIcon />, permission: 'analytics.read' },
  },
  { path: 'equipment', Page: page(equipment, (module) => module.EquipmentPage), nav: { label: 'Equipment', icon: <EquipmentIcon /> } },
  { path: 'equipment/:equipmentId', Page: page(equipment, (module) => module.EquipmentDetailPage) },
  {
    path: 'travel-times',
    Page: page(equipment, (module) => module.TravelTimesPage),
    nav: { label: 'Travel times', icon: <TravelTimesIcon />, permission: 'locations.write' },
  },
  {
    path: 'technicians',
    Page: page(technicians, (module) => module.TechniciansPage),
    nav: { label: 'Technicians', icon: <TechniciansIcon />, permission: 'technicians.list' },
  },
  { path: 'technicians/:technicianId', Page: page(technicians, (module) => module.TechnicianDetailPage) },
  {
    path: 'pm-plans',
    Page: page(pmPlans, (module) => module.PmPlansPage),
    nav: { label: 'PM plans', icon: <PmPlansIcon />, permission: 'pmPlans.write' },
  },
  { path: 'pm-plans/new', Page: page(pmPlans, (module) => module.CreatePmPlanPage) },
  { path: 'pm-plans/:planId', Page: page(pmPlans, (module) => module.PmPlanDetailPage) },
  {
    path: 'predictive',
    Page: page(predictive, (module) => module.FleetPage),
    nav: { label: 'Predictive', icon: <PredictiveIcon />, roles: ['planner', 'manager', 'admin', 'technician'] },
  },
  { path: 'predictive/equipment/:equipmentId', Page: page(predictive, (module) => module.EquipmentHealthPage) },
  { path: 'predictive/models', Page: page(predictive, (module) => module.ModelsPage) },
  {
    path: 'users',
    Page: page(users, (module) => module.UsersPage),
    nav: { label: 'Users', icon: <UsersIcon />, permission: 'users.manage' },
  },
  { path: 'users/new', Page: page(users, (module) => module.CreateUserPage) },
  { path: 'users/:userId', Page: page(users, (module) => module.EditUserPage) },
  {
    path: 'organization',
    Page: page(organization, (module) => module.OrganizationPage),
    nav: { label: 'Organization', icon: <OrganizationIcon />, permission: 'organization.manage' },
  },
];

/** Where `/` leads: a technician's day, the dashboard for those who read it, else the work-order list. */
export const homePathFor = (roles: readonly Role[]) =>
  roles.includes('technician') ? '/my-work' : rolesAllow(roles, 'analytics.read') ? '/dashboard' : '/work-orders';

/** Whether the drawer offers this route to a user with these roles. */
export const offeredTo = (nav: NonNullable<AppRoute['nav']>, roles: readonly Role[]) =>
  (nav.permission === undefined || rolesAllow(roles, nav.permission)) &&
  (nav.roles === undefined || nav.roles.some((role) => roles.includes(role)));
