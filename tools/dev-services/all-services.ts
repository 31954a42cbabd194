import { ferretdbService } from './ferretdb-service.js';
import type { ServiceName } from './pinned-versions.js';
import type { ServiceDefinition } from './service-definition.js';
import { temporalService } from './temporal-service.js';

export const serviceDefinitions: Readonly<Record<ServiceName, ServiceDefinition>> = {
  temporal: temporalService,
  ferretdb: ferretdbService,
};

export const serviceNames: readonly ServiceName[] = ['temporal', 'ferretdb'];
