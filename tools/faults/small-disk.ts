import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
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
        if (keep && existsSync(onDiskDir)) {
          rmSync(onDiskDir, { recursive: true, force: true });
          cpSync(sqliteDir, onDiskDir, { recursive: true });
        }
        try {
          execFileSync('umount', [sqliteDir]);
        } catch {
          // Still busy (a process of a broken run holds a file): detach it now, freed when the last file closes.
          execFileSync('umount', ['-l', sqliteDir]);
        }
      }
      if (existsSync(onDiskDir)) {
        rmSync(sqliteDir, { recursive: true, force: true });
        renameSync(onDiskDir, sqliteDir);
      }
    },
  };
}
