export { CounterPage } from './CounterPage';
