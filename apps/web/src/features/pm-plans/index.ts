// The pages the app shell routes to; everything else of the feature stays inside it.
export { CreatePmPlanPage } from './components/CreatePmPlanPage';
export { PmPlanDetailPage } from './components/PmPlanDetailPage';
export { PmPlansPage } from './components/PmPlansPage';
