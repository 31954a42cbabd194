import { serviceDefinitions } from './all-services.js';
import { livePid, removePidFile } from './pid-file.js';
import { serviceFiles } from './paths.js';
import type { ServiceName } from './pinned-versions.js';
import { formatDuration, terminalProgress, type Progress } from './progress.js';
import { terminate } from './service-process.js';

/** Stops one service started by this tool: SIGTERM, then SIGKILL after 20 s. A no-op when it does not run. */
export async function stopService(name: ServiceName, options: { progress?: Progress } = {}): Promise<void> {
  const progress = options.progress ?? terminalProgress;
  const { title } = serviceDefinitions[name];
  const files = serviceFiles(name);
  const pid = await livePid(name, files.pid, progress);
  if (pid === undefined) {
    progress(`${title} is not running`);
    return;
  }
  const started = Date.now();
  const how = await terminate(pid, name);
  await removePidFile(files.pid);
  const killed = how === 'killed' ? ', killed after SIGTERM timed out' : '';
  progress(`Stopped ${title} (pid ${pid}${killed}) in ${formatDuration(Date.now() - started)}`);
}
