// `npm run build:workflows [file]`: the import workflows as one prebuilt bundle, for WORKFLOW_BUNDLE_PATH.
import { resolve } from 'node:path';
import { writeWorkflowBundle } from '../src/temporal/workflow-bundle.js';

const file = resolve(process.argv[2] ?? 'dist/workflow-bundle.js');
await writeWorkflowBundle(file);
console.log(`Wrote ${file}; start workers with WORKFLOW_BUNDLE_PATH=${file}`);
