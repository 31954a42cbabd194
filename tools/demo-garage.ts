import type { GarageConfig } from '../src/config.js';

/**
 * The garage `npm start` registers when none is configured, so a newcomer can send the fixtures straight away.
 * Its secret is public by design: it exists only on a developer's loopback.
 */
export const demoGarage: GarageConfig = {
  id: 'garage-demo',
  secrets: ['demo-secret-for-local-use-only'],
  keepImportingAfterWorkStarted: false,
};
