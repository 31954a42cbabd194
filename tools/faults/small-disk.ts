import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statfsSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { serviceFiles } from '../dev-services/index.js';

/**
 * FerretDB's SQLite files (one per database, `tools/dev-services/ferretdb-service.ts`) moved onto a tmpfs of their
 * own, so the disk-full fault can fill the database's filesystem and nothing else. Mounting needs root.
 */
export function smallDisk() {
  const sqliteDir = join(serviceFiles('ferretdb').data, 'sqlite');
  const onDiskDir = `${sqliteDir}-on-disk`;
  const filler = join(sqliteDir, 'disk-full-filler');

  const mounted = () =>
    readFileSync('/proc/mounts', 'utf8')
      .split('\n')
      .some((line) => line.split(' ')[1] === sqliteDir);

  return {
    sqliteDir,
    filler,

    /** Why this machine cannot run the fault, in one line, or null when it can. */
    unavailable(): string | null {
      if (process.platform !== 'linux') return 'disk-full needs Linux: it mounts a tmpfs for the database files';
      if (process.getuid?.() !== 0) {
        return "disk-full needs root: it mounts a small tmpfs (`mount -t tmpfs`) for FerretDB's SQLite files to fill";
      }
      return null;
    },

    /** With FerretDB stopped: moves its files onto a tmpfs with `headroomMb` free beyond what they take now. */
    mount(headroomMb: number): { sizeMb: number; filesMb: number } {
      mkdirSync(sqliteDir, { recursive: true });
      const files = readdirSync(sqliteDir).reduce((sum, file) => sum + statSync(join(sqliteDir, file)).size, 0);
      const sizeMb = Math.ceil(files / 1024 ** 2) + headroomMb;
      renameSync(sqliteDir, onDiskDir);
      mkdirSync(sqliteDir);
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'claire-faults-disk-full', sqliteDir]);
      cpSync(onDiskDir, sqliteDir, { recursive: true });
      return { sizeMb, filesMb: files / 1024 ** 2 };
    },

    /** Deletes the filler: the disk has room again; the database files stay where they are. */
    makeRoom(): void {
      rmSync(filler, { force: true });
    },

    /** Bytes still free on the tmpfs. */
    freeBytes(): number {
      const stats = statfsSync(sqliteDir);
      return stats.bavail * stats.bsize;
    },

    /**
     * With FerretDB stopped: copies the files back (`keep`) and unmounts. Safe to call at any time, also when
     * nothing is mounted, so an interrupted run cleans up after itself.
     */
    release(keep: boolean): void {
      rmSync(filler, { force: true });
      if (mounted()) {
        // A stopping FerretDB is gone from the process table before SQLite has folded its write-ahead log into the
        // database file and closed it: copying earlier would copy the file without the log's writes.
        waitUntilNoOneHoldsFilesIn(sqliteDir);
        if (keep && existsSync(onDiskDir)) {
          rmSync(onDiskDir, { recursive: true, force: true });
          cpSync(sqliteDir, onDiskDir, { recursive: true });
        }
        unmount(sqliteDir);
      }
      if (existsSync(onDiskDir)) {
        rmSync(sqliteDir, { recursive: true, force: true });
        renameSync(onDiskDir, sqliteDir);
      }
    },
  };
}

/** Waits up to 20 s until no process has a file open under `dir` (looked up in /proc/<pid>/fd). */
function waitUntilNoOneHoldsFilesIn(dir: string): void {
  const holds = () =>
    readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .some((pid) => {
        try {
          return readdirSync(`/proc/${pid}/fd`).some((fd) => {
            try {
              return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith(`${dir}/`);
            } catch {
              return false;
            }
          });
        } catch {
          return false;
        }
      });
  const until = Date.now() + 20_000;
  while (holds() && Date.now() < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
}

/**
 * A process that has just exited can hold its files for a moment after it is gone from the process table, so a
 * busy mount is tried again for up to 5 s; one still busy then (a process of a broken run holds a file) is detached
 * at once and freed when its last file closes.
 */
function unmount(dir: string): void {
  for (let attempt = 0; attempt < 25; attempt++) {
    try {
      execFileSync('umount', [dir], { stdio: ['ignore', 'ignore', 'pipe'] });
      return;
    } catch {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  execFileSync('umount', ['-l', dir]);
}
