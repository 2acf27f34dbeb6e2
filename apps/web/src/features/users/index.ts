// The pages the app shell routes to; everything else of the feature stays inside it.
export { CreateUserPage } from './components/CreateUserPage';
export { EditUserPage } from './components/EditUserPage';
export { UsersPage } from './components/UsersPage';
