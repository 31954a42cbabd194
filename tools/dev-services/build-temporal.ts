import { binaryPath, toolsDir } from './paths.js';
import { pinnedTools } from './pinned-versions.js';
import type { Progress } from './progress.js';
import { runGo } from './run-go.js';

const tool = pinnedTools.temporal;

/**
 * `go install` of the pinned CLI. The version is stamped with the same -ldflags as the official release build, so
 * `temporal --version` says 1.5.1 instead of 0.0.0-DEV.
 */
export async function buildTemporal(progress: Progress): Promise<string> {
  const versionFlag = `-X ${tool.module}/temporalcli.Version=${tool.version.replace(/^v/, '')}`;
  await runGo({
    args: ['install', '-v', `-ldflags=-s -w ${versionFlag}`, `${tool.mainPackage}@${tool.version}`],
    cwd: toolsDir(),
    env: { GOBIN: toolsDir() },
    what: `building ${tool.title} ${tool.version}`,
    progress,
  });
  return binaryPath(tool.name);
}
