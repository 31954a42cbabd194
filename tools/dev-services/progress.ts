/** Receives one human-readable line at a time about slow work (builds, start-up, shutdown). */
export type Progress = (line: string) => void;

/** Writes progress to stderr, keeping stdout for a command's own output. */
export const terminalProgress: Progress = (line) => {
  process.stderr.write(`${line}\n`);
};

export const silentProgress: Progress = () => undefined;

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
