// The pages the app shell routes to; everything else of the feature stays inside it.
export { NotificationsPage } from './components/NotificationsPage';
