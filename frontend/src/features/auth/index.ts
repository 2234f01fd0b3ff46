export { LoginPage } from './LoginPage';
export { RequireRole } from './RequireRole';
export { HomePage } from './HomePage';
