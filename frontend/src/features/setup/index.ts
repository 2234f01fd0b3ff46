export { SetupPage } from './SetupPage';
export { useSetupStatus } from './api/get-setup-status';
