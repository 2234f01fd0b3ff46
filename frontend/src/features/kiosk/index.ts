export { KioskPage } from './KioskPage';
export { OrderStatusPage } from './OrderStatusPage';
export { PairPage } from './PairPage';
export { AccountPage } from './AccountPage';
