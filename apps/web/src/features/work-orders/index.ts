// The pages the app shell routes to; everything else of the feature stays inside it.
export { CreateWorkOrderPage } from './components/CreateWorkOrderPage';
export { EditWorkOrderPage } from './components/EditWorkOrderPage';
export { MyWorkPage } from './components/MyWorkPage';
export { WorkOrderDetailPage } from './components/WorkOrderDetailPage';
export { WorkOrdersPage } from './components/WorkOrdersPage';
