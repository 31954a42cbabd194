// `tsx bench/report/summarise-profile.ts <file.cpuprofile> [top]`: where a bench child spent its CPU (runs with
// BENCH_PROFILE write the profiles), by package and by function, self time only.
import { readFileSync } from 'node:fs';

type ProfileNode = Readonly<{
  id: number;
  callFrame: Readonly<{ functionName: string; url: string; lineNumber: number }>;
}>;
type CpuProfile = Readonly<{ nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }>;

/** The package or place a script belongs to: `node_modules/<package>`, our own folder, or Node's internals. */
function placeOf(url: string): string {
  if (url === '') return '(native or idle)';
  if (url.startsWith('node:')) return 'node internals';
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules?.[1] !== undefined) return inModules[1];
  const ours = /\/(src|bench|tools)\/([^/]+)/.exec(url);
  return ours === null ? url : `${ours[1]}/${ours[2]}`;
}

function rows(totals: Map<string, number>, allMs: number, top: number): string[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, ms]) => `${((ms / allMs) * 100).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(7)} ms  ${name}`);
}

const [file, topText] = process.argv.slice(2);
if (file === undefined) {
  console.error('usage: tsx bench/report/summarise-profile.ts <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topText ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const byPlace = new Map<string, number>();
const byFunction = new Map<string, number>();
let allMs = 0;
profile.samples.forEach((id, index) => {
  const node = nodes.get(id);
  const ms = (profile.timeDeltas[index] ?? 0) / 1000;
  if (node === undefined || node.callFrame.functionName === '(idle)') return;
  allMs += ms;
  const place = placeOf(node.callFrame.url);
  const name = `${node.callFrame.functionName || '(anonymous)'}  ${place}:${node.callFrame.lineNumber + 1}`;
  byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
  byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
});
console.log(`${file}: ${allMs.toFixed(0)} ms on the CPU (idle left out)\n\nby package or folder:`);
console.log(rows(byPlace, allMs, top).join('\n'));
console.log('\nby function:');
console.log(rows(byFunction, allMs, top).join('\n'));
