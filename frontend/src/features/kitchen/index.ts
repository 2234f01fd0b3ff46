export { KitchenBoard } from './KitchenBoard';
