// The page the app shell routes to; everything else of the feature stays inside it.
export { OrganizationPage } from './components/OrganizationPage';
