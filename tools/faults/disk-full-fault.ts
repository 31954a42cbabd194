import { closeSync, openSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { startService, stopService } from '../dev-services/index.js';
import type { Collections } from '../../src/store/collections.js';
import type { Children } from './children.js';
import { faultGarage, serviceOptions } from './fault-setup.js';
import { sampleOurProcesses, servicePid, type Processes } from './hang-faults.js';
import { answersBetween, describeAnswers, readiness, type FaultSpec } from './run-fault.js';
import { smallDisk } from './small-disk.js';
import { documentCounts, halfWritten } from './whole-documents.js';

const fullForMs = 45_000;
/** Free space on the database's own filesystem before the filler takes it: room for a few hundred imports. */
const headroomMb = 32;

export const diskFullGarage = faultGarage('disk-full');

/** Writes zeros until the filesystem refuses (ENOSPC); returns how many bytes it took. */
function fillUp(file: string): number {
  const fd = openSync(file, 'w');
  let written = 0;
  try {
    // Large chunks first, then small ones for the last pages, so not even a page is left.
    for (const size of [1024 ** 2, 4096, 512]) {
      const chunk = Buffer.alloc(size);
      for (;;) {
        try {
          written += writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw error;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return written;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function countWhenBack(collections: Collections): Promise<number | null> {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    const count = await collections.imports.countDocuments({}).catch(() => null);
    if (count !== null) return count;
    await sleep(250);
  }
  return null;
}

/** The database's filesystem fills up in the middle of the burst and gets room again 45 s later. */
export function diskFullSpec(
  children: Children,
  processes: Processes,
  receiverUrl: string,
  collections: Collections,
): FaultSpec & { unavailable: () => string | null } {
  const disk = smallDisk();
  let mountedMb = '';
  return {
    name: 'disk-full',
    proves:
      "A full disk under the database fails each write that needs room with an error the step retries (no crash of worker or database, nothing accepted turned away); SQLite's transactions leave no document half-written, the import writes parties, car and appointment in that order so a cut-off step is finished by its retry, and every import lands once there is room again.",
    how: `FerretDB's SQLite files on a tmpfs of their own (${headroomMb} MB free at the start); in the middle of the burst a filler file takes every free byte, and is deleted ${fullForMs / 1000} s later`,
    garage: diskFullGarage,
    unavailable: () => disk.unavailable(),
    async setUp() {
      await stopService('ferretdb', { progress: serviceOptions.progress });
      try {
        const { sizeMb, filesMb } = disk.mount(headroomMb);
        mountedMb = `tmpfs of ${sizeMb} MB, ${filesMb.toFixed(1)} MB of database files on it`;
      } finally {
        await startService('ferretdb', serviceOptions);
      }
      // The worker reconnects by itself; wait until the database answers again so the burst starts on a working one.
      const until = Date.now() + 30_000;
      while (Date.now() < until && (await collections.imports.estimatedDocumentCount().catch(() => -1)) < 0) {
        await sleep(250);
      }
    },
    async tearDown() {
      const before = await collections.imports.countDocuments({}).catch(() => null);
      await stopService('ferretdb', { progress: serviceOptions.progress });
      try {
        disk.release(true);
      } finally {
        await startService('ferretdb', serviceOptions);
      }
      // The faults after this one run on the files moved back: they must hold everything written on the tmpfs.
      const after = await countWhenBack(collections);
      if (before !== null && after !== before) {
        throw new Error(`disk-full: the database files moved back from the tmpfs hold ${after} imports, not ${before}`);
      }
    },
    async inject(burst) {
      const ferretdb = servicePid('ferretdb');
      const finished = () =>
        collections.imports.countDocuments({ garageId: diskFullGarage.id, status: { $ne: 'accepted' } });
      const sampler = sampleOurProcesses(processes);
      const before = await finished();
      const filled = fillUp(disk.filler);
      const fullAt = Date.now();
      const freeWhenFull = disk.freeBytes();
      await sleep(fullForMs / 2);
      const ready = await readiness(receiverUrl);
      await sleep(fullForMs / 2);
      const during = (await finished().catch(() => -1)) - before;
      const databaseAlive = alive(ferretdb);
      const workerAlive = processes.worker.current.process.exitCode === null;
      disk.makeRoom();
      const healedAt = Date.now();
      const fullErrors = children
        .logLines('Activity failed', `/${diskFullGarage.id}/`)
        .filter((line) => /full/i.test(line));
      const said = /database or disk is full[^"\\]*/i.exec(fullErrors[0] ?? '')?.[0];
      return {
        healedAt,
        notes: [
          `${mountedMb}; the filler took ${(filled / 1024 ** 2).toFixed(1)} MB, leaving ${freeWhenFull} bytes`,
          `answers while the disk was full: ${describeAnswers(answersBetween(burst.events, fullAt, healedAt))}`,
          `/readyz while it was full: ${ready}`,
          `imports that finished while it was full: ${during} (each finish writes the import log, so few or none)`,
          `failed attempts that name a full disk: ${fullErrors.length}${said === undefined ? '' : ` (the database said: "${said.trim()}")`}`,
          `FerretDB ${databaseAlive ? 'kept running' : 'DIED'} and the worker ${workerAlive ? 'kept running' : 'DIED'}; nobody restarted them`,
          ...sampler.stop(),
        ],
      };
    },
    async check() {
      const problems = await halfWritten(collections, diskFullGarage.id);
      return {
        notes: [
          `half-written documents or import records: ${problems.length} (${await documentCounts(collections, diskFullGarage.id)}, every reference between them checked)`,
        ],
        problems,
      };
    },
  };
}
