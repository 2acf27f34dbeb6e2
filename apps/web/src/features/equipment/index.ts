// The pages the app shell routes to; everything else of the feature stays inside it.
export { EquipmentDetailPage } from './components/EquipmentDetailPage';
export { EquipmentPage } from './components/EquipmentPage';
export { TravelTimesPage } from './components/TravelTimesPage';
