// The pages the app shell routes to; everything else of the feature stays inside it.
export { TechnicianDetailPage } from './components/TechnicianDetailPage';
export { TechniciansPage } from './components/TechniciansPage';
