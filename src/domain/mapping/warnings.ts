import type { PushWarning } from '../issues.js';

/** Collects warnings while mapping; messages never repeat the value, which may be personal data. */
export class WarningList {
  readonly items: PushWarning[] = [];

  add(path: string, code: string, message: string): void {
    this.items.push({ path, code, message });
  }

  codes(): string[] {
    return [...new Set(this.items.map((warning) => warning.code))];
  }
}
