import type { GarageConfig } from '../config.js';
import type { Keyring } from '../crypto/keyring.js';
import { openText } from './encrypted-text.js';
import type { GarageDocument, GarageStore } from './garage-store.js';

/** A garage as the push path sees it: the secrets valid now, in clear, only ever in memory. */
export type KnownGarage = Readonly<{
  id: string;
  secrets: readonly string[];
  disabled: boolean;
  keepImportingAfterWorkStarted: boolean;
}>;

/** Looks garages up without touching the database: what the receiver's push path and the worker's steps use. */
export type GarageLookup = Readonly<{
  get: (garageId: string) => KnownGarage | undefined;
  /** Garages that are not disabled, for the silence report. */
  enabledIds: () => string[];
}>;

type CachedGarage = Readonly<{
  id: string;
  secrets: readonly Readonly<{ secret: string; validUntil: Date | null }>[];
  disabled: boolean;
  keepImportingAfterWorkStarted: boolean;
  version: number;
}>;

export type GarageDirectoryOptions = Readonly<{
  store: Pick<GarageStore, 'changedSince'>;
  keyring: Keyring;
  /** CARSYS_GARAGES: known before the database answers, overridden by the database's version of the same garage. */
  bootstrap: ReadonlyMap<string, GarageConfig>;
  refreshEveryMs: number;
  now: () => Date;
  /** Told when a refresh fails after one that worked (not at every try while the database stays away). */
  onRefreshFailed: (error: unknown) => void;
  onSecretUnreadable: (garageId: string, secretId: string, error: unknown) => void;
}>;

// Writers stamp `updatedAt` with their own clocks: reading back this far covers clocks that lag ours, and the
// occasional full read covers anything older (a document edited by hand, a clock far off).
const overlapMs = 60_000;
const fullReadEveryMs = 5 * 60_000;

/**
 * The garage directory: every garage and its decrypted secrets held in memory, refreshed from the database every
 * few seconds by polling the indexed `updatedAt` (FerretDB has no change streams). A lookup never waits for the
 * database, so pushes are answered while it is down, with the garages as they were last read (product rule 1).
 */
export function garageDirectory(options: GarageDirectoryOptions) {
  const fromDatabase = new Map<string, CachedGarage>();
  const bootstrap = new Map<string, CachedGarage>(
    [...options.bootstrap.values()].map((garage) => [
      garage.id,
      {
        id: garage.id,
        secrets: garage.secrets.map((secret) => ({ secret, validUntil: null })),
        disabled: false,
        keepImportingAfterWorkStarted: garage.keepImportingAfterWorkStarted,
        version: -1,
      },
    ]),
  );
  let newestSeen: Date | null = null;
  let lastFullReadAt = 0;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let failing = false;

  const cache = (document: GarageDocument): CachedGarage => ({
    id: document._id,
    secrets: document.secrets.flatMap((stored) => {
      try {
        return [{ secret: openText(options.keyring, stored.sealed), validUntil: stored.validUntil }];
      } catch (error) {
        options.onSecretUnreadable(document._id, stored.secretId, error);
        return [];
      }
    }),
    disabled: document.disabled,
    keepImportingAfterWorkStarted: document.keepImportingAfterWorkStarted,
    version: document.version,
  });

  async function readChanges(): Promise<void> {
    const full = newestSeen === null || Date.now() - lastFullReadAt >= fullReadEveryMs;
    const documents = await options.store.changedSince(
      full || newestSeen === null ? null : new Date(newestSeen.getTime() - overlapMs),
    );
    for (const document of documents) {
      if (fromDatabase.get(document._id)?.version !== document.version) fromDatabase.set(document._id, cache(document));
      if (newestSeen === null || document.updatedAt > newestSeen) newestSeen = document.updatedAt;
    }
    if (full) {
      const present = new Set(documents.map((document) => document._id));
      for (const id of fromDatabase.keys()) if (!present.has(id)) fromDatabase.delete(id);
      lastFullReadAt = Date.now();
      newestSeen ??= new Date(0);
    }
  }

  /** Reads what changed; one read at a time, and a caller always gets a read that started after its call. */
  async function refresh(): Promise<void> {
    while (running !== null) await running.catch(() => undefined);
    running = readChanges().finally(() => {
      running = null;
    });
    try {
      await running;
      failing = false;
    } catch (error) {
      if (!failing) options.onRefreshFailed(error);
      failing = true;
      throw error;
    }
  }

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      refresh()
        .catch(() => undefined)
        .finally(schedule);
    }, options.refreshEveryMs);
    // A pending refresh must not keep a process alive that is otherwise done.
    timer.unref();
  };

  const lookup = (garageId: string): CachedGarage | undefined => fromDatabase.get(garageId) ?? bootstrap.get(garageId);

  return {
    get(garageId: string): KnownGarage | undefined {
      const garage = lookup(garageId);
      if (garage === undefined) return undefined;
      const now = options.now();
      return {
        id: garage.id,
        // A secret past its grace period is refused from that instant, whether or not it was removed yet.
        secrets: garage.secrets
          .filter((entry) => entry.validUntil === null || entry.validUntil > now)
          .map((entry) => entry.secret),
        disabled: garage.disabled,
        keepImportingAfterWorkStarted: garage.keepImportingAfterWorkStarted,
      };
    },
    enabledIds(): string[] {
      const ids = new Set([...bootstrap.keys(), ...fromDatabase.keys()]);
      return [...ids].filter((id) => lookup(id)?.disabled === false).sort();
    },
    refresh,
    /** Reads the garages now, then every `refreshEveryMs`; a failed read keeps the garages last read. */
    start(): void {
      refresh()
        .catch(() => undefined)
        .finally(schedule);
    },
    stop(): void {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
export type GarageDirectory = ReturnType<typeof garageDirectory>;
