import type { components } from '../api/openapi-types.generated.js';
import type { ImportApiClient } from './api-client.js';
import type { CommandResult } from './commands.js';
import { table } from './text-table.js';

type Garage = components['schemas']['Garage'];
type Issued = components['schemas']['IssuedSecret'];

function failure(body: components['schemas']['ErrorBody'] | undefined): CommandResult {
  const error = body?.error;
  const issues = (error?.issues ?? []).map((issue) => `\n  ${issue.path}: ${issue.message}`).join('');
  return {
    output: `error: ${error?.message ?? 'unexpected answer'} (${error?.code ?? 'unknown'})${issues}`,
    exitCode: 1,
  };
}

const secretLines = (garage: Garage) =>
  garage.secrets.map(
    (secret) =>
      `  secret ${secret.secretId}  created ${secret.createdAt}  valid until ${secret.validUntil ?? 'retired'}`,
  );

const state = (garage: Garage) => (garage.disabled ? 'disabled' : 'enabled');

function garageText(garage: Garage): string[] {
  return [
    `${garage.garageId}  ${state(garage)}  (${garage.source}, updated ${garage.updatedAt})`,
    `  keepImportingAfterWorkStarted: ${String(garage.keepImportingAfterWorkStarted)}`,
    ...secretLines(garage),
  ];
}

function issuedText(issued: Issued, what: string): CommandResult {
  return {
    output: [
      what,
      `secret id: ${issued.secretId}`,
      `secret:    ${issued.secret}`,
      'This secret is shown this once only: give it to Carsys now.',
      ...secretLines(issued.garage),
    ].join('\n'),
    exitCode: 0,
  };
}

const onGarage = (garageId: string) => ({ params: { path: { garageId } } });

/** `garages list|show|add|new-secret|retire-secret|disable|enable`: garages as data, over the import API. */
export function garageCommands(api: ImportApiClient) {
  return {
    async list(): Promise<CommandResult> {
      const { data, error } = await api.GET('/api/v1/garages');
      if (data === undefined) return failure(error);
      const rows = (data.items ?? []).map((garage) => ({
        ...garage,
        state: state(garage),
        secrets: garage.secrets.map((secret) => secret.secretId).join(' '),
      }));
      return {
        output: `${table(rows, ['garageId', 'state', 'secrets', 'source', 'updatedAt'])}\n${rows.length} garage(s)`,
        exitCode: 0,
      };
    },

    async show(garageId: string): Promise<CommandResult> {
      const { data, error } = await api.GET('/api/v1/garages/{garageId}', onGarage(garageId));
      if (data === undefined) return failure(error);
      const rows = data.audit.map((entry) => ({ ...entry, details: JSON.stringify(entry.details) }));
      return {
        output: [
          ...garageText(data.garage),
          '',
          'changes (newest first):',
          table(rows, ['at', 'action', 'by', 'details']),
        ].join('\n'),
        exitCode: 0,
      };
    },

    async add(garageId: string, keepImportingAfterWorkStarted: boolean): Promise<CommandResult> {
      const { data, error } = await api.POST('/api/v1/garages', { body: { garageId, keepImportingAfterWorkStarted } });
      return data === undefined ? failure(error) : issuedText(data, `garage ${garageId} added`);
    },

    async newSecret(garageId: string, graceHours: number | undefined): Promise<CommandResult> {
      const { data, error } = await api.POST('/api/v1/garages/{garageId}/secrets', {
        ...onGarage(garageId),
        body: graceHours === undefined ? {} : { graceHours },
      });
      return data === undefined
        ? failure(error)
        : issuedText(data, `new secret for ${garageId}; the previous one stays valid until the time shown`);
    },

    async retireSecret(garageId: string, secretId: string | undefined): Promise<CommandResult> {
      const { data, error } = await api.POST('/api/v1/garages/{garageId}/secrets/retire', {
        ...onGarage(garageId),
        body: secretId === undefined ? {} : { secretId },
      });
      if (data === undefined) return failure(error);
      return { output: [`secret retired; ${garageId} now has:`, ...secretLines(data)].join('\n'), exitCode: 0 };
    },

    async setDisabled(garageId: string, disabled: boolean): Promise<CommandResult> {
      const { data, error } = disabled
        ? await api.POST('/api/v1/garages/{garageId}/disable', onGarage(garageId))
        : await api.POST('/api/v1/garages/{garageId}/enable', onGarage(garageId));
      if (data === undefined) return failure(error);
      const note = disabled
        ? ': its pushes are refused (401, recorded as garage_disabled)'
        : ': its pushes are accepted';
      return { output: `garage ${garageId} ${state(data)}${note}`, exitCode: 0 };
    },
  };
}
