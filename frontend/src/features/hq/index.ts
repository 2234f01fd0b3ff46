export { HqApp } from './HqApp';
