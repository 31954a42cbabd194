import { randomBytes } from 'node:crypto';
import type { GarageConfig } from '../config.js';
import type { Keyring } from '../crypto/keyring.js';
import { ApiError } from '../http/errors.js';
import { sealText } from '../store/encrypted-text.js';
import type { GarageAuditDocument, GarageDocument, GarageSecretDocument, GarageStore } from '../store/garage-store.js';

/** A garage as operators see it: never a secret, only which secrets exist and until when they are valid. */
export type GarageView = Readonly<{
  garageId: string;
  disabled: boolean;
  keepImportingAfterWorkStarted: boolean;
  source: GarageDocument['source'];
  createdAt: Date;
  updatedAt: Date;
  secrets: readonly Readonly<{ secretId: string; createdAt: Date; validUntil: Date | null }>[];
}>;

export type IssuedSecret = Readonly<{ garage: GarageView; secretId: string; secret: string }>;

export type GarageManagementDependencies = Readonly<{
  store: GarageStore;
  keyring: Keyring;
  now: () => Date;
  /** Told after every change, so this process's directory has it before the answer goes out. */
  changed: () => Promise<void>;
}>;

const hourMs = 3_600_000;
const auditShown = 50;

const validAt = (now: Date) => (secret: GarageSecretDocument) => secret.validUntil === null || secret.validUntil > now;

function view(garage: GarageDocument, now: Date): GarageView {
  return {
    garageId: garage._id,
    disabled: garage.disabled,
    keepImportingAfterWorkStarted: garage.keepImportingAfterWorkStarted,
    source: garage.source,
    createdAt: garage.createdAt,
    updatedAt: garage.updatedAt,
    secrets: garage.secrets
      .filter(validAt(now))
      .map(({ secretId, createdAt, validUntil }) => ({ secretId, createdAt, validUntil })),
  };
}

/** A new HMAC secret (256 bits) and the id operators name it by. */
function newSecret(keyring: Keyring, now: Date): { stored: GarageSecretDocument; secret: string } {
  const secret = randomBytes(32).toString('base64url');
  const secretId = `sec_${randomBytes(6).toString('hex')}`;
  return { secret, stored: { secretId, sealed: sealText(keyring, secret), createdAt: now, validUntil: null } };
}

const notFound = () => new ApiError(404, 'garage_not_found', 'There is no garage with this id.');
const changedMeanwhile = () =>
  new ApiError(409, 'garage_changed', 'The garage was changed by someone else at the same time; please try again.');

/** Adds, rotates, retires, disables and enables garages; every change goes to the audit trail with its operator. */
export function garageManagement(deps: GarageManagementDependencies) {
  const { store } = deps;

  async function existing(garageId: string): Promise<GarageDocument> {
    const garage = await store.find(garageId);
    if (garage === null) throw notFound();
    return garage;
  }

  async function audited(entry: Omit<GarageAuditDocument, 'at'>, at: Date): Promise<void> {
    await store.recordAudit({ ...entry, at });
    // The change is in the database already: a failed refresh here only means the next periodic one picks it up.
    await deps.changed().catch(() => undefined);
  }

  async function change(
    garage: GarageDocument,
    update: Partial<Pick<GarageDocument, 'secrets' | 'disabled'>>,
    at: Date,
  ): Promise<GarageDocument> {
    if (!(await store.update(garage._id, garage.version, update, at))) throw changedMeanwhile();
    return { ...garage, ...update, updatedAt: at, version: garage.version + 1 };
  }

  return {
    async list(): Promise<GarageView[]> {
      const now = deps.now();
      return (await store.list()).map((garage) => view(garage, now));
    },

    async show(garageId: string): Promise<{ garage: GarageView; audit: GarageAuditDocument[] }> {
      const garage = await existing(garageId);
      return { garage: view(garage, deps.now()), audit: await store.auditOf(garageId, auditShown) };
    },

    async add(input: { garageId: string; keepImportingAfterWorkStarted: boolean }, by: string): Promise<IssuedSecret> {
      const now = deps.now();
      const { stored, secret } = newSecret(deps.keyring, now);
      const garage: GarageDocument = {
        _id: input.garageId,
        secrets: [stored],
        keepImportingAfterWorkStarted: input.keepImportingAfterWorkStarted,
        disabled: false,
        createdAt: now,
        updatedAt: now,
        version: 1,
        source: 'api',
      };
      if (!(await store.insert(garage))) {
        throw new ApiError(409, 'garage_exists', 'A garage with this id exists already.');
      }
      await audited(
        {
          garageId: garage._id,
          action: 'garage_added',
          by,
          details: { secretId: stored.secretId, keepImportingAfterWorkStarted: input.keepImportingAfterWorkStarted },
        },
        now,
      );
      return { garage: view(garage, now), secretId: stored.secretId, secret };
    },

    /** A new secret; the ones valid now stay valid for `graceHours` more (0: retired at once), at most two at a time. */
    async issueSecret(garageId: string, graceHours: number, by: string): Promise<IssuedSecret> {
      const garage = await existing(garageId);
      const now = deps.now();
      const valid = garage.secrets.filter(validAt(now));
      if (valid.length >= 2) {
        throw new ApiError(
          409,
          'rotation_in_progress',
          'This garage has two valid secrets already (a rotation in progress): retire one first.',
        );
      }
      const retiresAt = new Date(now.getTime() + graceHours * hourMs);
      const kept = valid
        .map((secret) => ({
          ...secret,
          validUntil: secret.validUntil !== null && secret.validUntil < retiresAt ? secret.validUntil : retiresAt,
        }))
        .filter(validAt(now));
      const { stored, secret } = newSecret(deps.keyring, now);
      const updated = await change(garage, { secrets: [...kept, stored] }, now);
      await audited(
        {
          garageId,
          action: 'secret_issued',
          by,
          details: {
            secretId: stored.secretId,
            graceHours,
            previousSecretId: valid[0]?.secretId ?? null,
            previousValidUntil: kept[0]?.validUntil?.toISOString() ?? null,
          },
        },
        now,
      );
      return { garage: view(updated, now), secretId: stored.secretId, secret };
    },

    /** Retires a secret before its grace period ends; without an id, the older of two. The last one cannot go. */
    async retireSecret(garageId: string, secretId: string | undefined, by: string): Promise<GarageView> {
      const garage = await existing(garageId);
      const now = deps.now();
      const valid = garage.secrets.filter(validAt(now));
      const target =
        secretId === undefined
          ? [...valid].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0]
          : valid.find((secret) => secret.secretId === secretId);
      if (target === undefined) {
        throw new ApiError(404, 'secret_not_found', 'This garage has no valid secret with this id.');
      }
      if (valid.length < 2) {
        throw new ApiError(
          409,
          'last_secret',
          "This is the garage's only valid secret: issue a new one first, or disable the garage.",
        );
      }
      const updated = await change(
        garage,
        { secrets: valid.filter((secret) => secret.secretId !== target.secretId) },
        now,
      );
      await audited(
        { garageId, action: 'secret_retired', by, details: { secretId: target.secretId, early: true } },
        now,
      );
      return view(updated, now);
    },

    /** Disabled, a garage's pushes are refused (401, recorded as `garage_disabled`); nothing else changes. */
    async setDisabled(garageId: string, disabled: boolean, by: string): Promise<GarageView> {
      const garage = await existing(garageId);
      const now = deps.now();
      if (garage.disabled === disabled) return view(garage, now);
      const updated = await change(garage, { disabled }, now);
      await audited({ garageId, action: disabled ? 'garage_disabled' : 'garage_enabled', by, details: {} }, now);
      return view(updated, now);
    },
  };
}
export type GarageManagement = ReturnType<typeof garageManagement>;

/**
 * Seeds the development bootstrap (CARSYS_GARAGES) into the database: a garage already there is left as it is, so
 * a secret rotated through the API is never brought back by a restart. Safe to run by every process at every start.
 */
export async function seedBootstrapGarages(
  store: Pick<GarageStore, 'insert' | 'recordAudit'>,
  keyring: Keyring,
  garages: ReadonlyMap<string, GarageConfig>,
  now: Date,
): Promise<void> {
  for (const garage of garages.values()) {
    const inserted = await store.insert({
      _id: garage.id,
      secrets: garage.secrets.map((secret, index) => ({
        secretId: `bootstrap_${index + 1}`,
        sealed: sealText(keyring, secret),
        createdAt: now,
        validUntil: null,
      })),
      keepImportingAfterWorkStarted: garage.keepImportingAfterWorkStarted,
      disabled: false,
      createdAt: now,
      updatedAt: now,
      version: 1,
      source: 'bootstrap',
    });
    if (inserted) {
      await store.recordAudit({
        garageId: garage.id,
        action: 'garage_seeded',
        by: 'CARSYS_GARAGES',
        at: now,
        details: { secrets: garage.secrets.length },
      });
    }
  }
}
