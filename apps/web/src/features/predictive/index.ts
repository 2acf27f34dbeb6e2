// The pages the app shell routes to, and the health panel other features' pages embed.
export { EquipmentHealthPage } from './components/EquipmentHealthPage';
export { EquipmentHealthPanel } from './components/EquipmentHealthPanel';
export { FleetPage } from './components/FleetPage';
export { ModelsPage } from './components/ModelsPage';
