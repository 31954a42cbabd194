export { importCarsysPush } from './import-carsys-push.js';
