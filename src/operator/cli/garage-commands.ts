import type { ImportApiClient } from './api-client.js';
import type { CommandResult } from './commands.js';
import { table } from './text-table.js';

type Secret = { secretId: string; createdAt: string; validUntil: string | null };
type Garage = {
  garageId: string;
  disabled: boolean;
  keepImportingAfterWorkStarted: boolean;
  source: string;
  updatedAt: string;
  secrets: Secret[];
};
type Issued = { garage: Garage; secretId: string; secret: string };

function failure(json: unknown): CommandResult {
  const error = (json as { error?: { code?: string; message?: string; issues?: { path: string; message: string }[] } })
    ?.error;
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

const path = (garageId: string, rest = '') => `/api/v1/garages/${encodeURIComponent(garageId)}${rest}`;

/** `garages list|show|add|new-secret|retire-secret|disable|enable`: garages as data, over the import API. */
export function garageCommands(api: ImportApiClient) {
  return {
    async list(): Promise<CommandResult> {
      const { status, json } = await api.get('/api/v1/garages');
      if (status !== 200) return failure(json);
      const rows = (json as { items: Garage[] }).items.map((garage) => ({
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
      const { status, json } = await api.get(path(garageId));
      if (status !== 200) return failure(json);
      const { garage, audit } = json as { garage: Garage; audit: Record<string, unknown>[] };
      const rows = audit.map((entry) => ({ ...entry, details: JSON.stringify(entry['details']) }));
      return {
        output: [
          ...garageText(garage),
          '',
          'changes (newest first):',
          table(rows, ['at', 'action', 'by', 'details']),
        ].join('\n'),
        exitCode: 0,
      };
    },

    async add(garageId: string, keepImportingAfterWorkStarted: boolean): Promise<CommandResult> {
      const { status, json } = await api.post('/api/v1/garages', { garageId, keepImportingAfterWorkStarted });
      return status === 201 ? issuedText(json as Issued, `garage ${garageId} added`) : failure(json);
    },

    async newSecret(garageId: string, graceHours: number | undefined): Promise<CommandResult> {
      const { status, json } = await api.post(
        path(garageId, '/secrets'),
        graceHours === undefined ? {} : { graceHours },
      );
      return status === 201
        ? issuedText(json as Issued, `new secret for ${garageId}; the previous one stays valid until the time shown`)
        : failure(json);
    },

    async retireSecret(garageId: string, secretId: string | undefined): Promise<CommandResult> {
      const { status, json } = await api.post(
        path(garageId, '/secrets/retire'),
        secretId === undefined ? {} : { secretId },
      );
      if (status !== 200) return failure(json);
      return {
        output: [`secret retired; ${garageId} now has:`, ...secretLines(json as Garage)].join('\n'),
        exitCode: 0,
      };
    },

    async setDisabled(garageId: string, disabled: boolean): Promise<CommandResult> {
      const { status, json } = await api.post(path(garageId, disabled ? '/disable' : '/enable'));
      if (status !== 200) return failure(json);
      const note = disabled
        ? ': its pushes are refused (401, recorded as garage_disabled)'
        : ': its pushes are accepted';
      return { output: `garage ${garageId} ${state(json as Garage)}${note}`, exitCode: 0 };
    },
  };
}
