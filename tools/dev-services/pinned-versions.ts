import { ferretdbSourcePatches, patchesRecipe } from './ferretdb-source-patches.js';

export type ServiceName = 'temporal' | 'ferretdb';

export type PinnedTool = Readonly<{
  name: ServiceName;
  title: string;
  module: string;
  /** The main package inside `module`. */
  mainPackage: string;
  version: string;
  /** Reads the version from the output of `<binary> --version`. */
  versionPattern: RegExp;
  /**
   * How the binary is built beyond its version (source patches). Written beside the binary after a build; a binary
   * whose recipe file is missing or says otherwise is rebuilt. Tools without one are judged by version alone.
   */
  recipe?: string;
}>;

/** The service versions this project is tested with (README "Quick start" says why these). */
export const pinnedTools: Readonly<Record<ServiceName, PinnedTool>> = {
  temporal: {
    name: 'temporal',
    title: 'Temporal CLI',
    module: 'github.com/temporalio/cli',
    mainPackage: 'github.com/temporalio/cli/cmd/temporal',
    version: 'v1.5.1',
    versionPattern: /^temporal version v?(\S+)/m,
  },
  ferretdb: {
    name: 'ferretdb',
    title: 'FerretDB',
    module: 'github.com/FerretDB/FerretDB',
    mainPackage: 'github.com/FerretDB/FerretDB/cmd/ferretdb',
    version: 'v1.24.2',
    versionPattern: /^version: v?(\S+)/m,
    recipe: patchesRecipe(ferretdbSourcePatches),
  },
};
