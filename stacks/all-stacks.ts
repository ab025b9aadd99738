/**
 * Builds the stacks of the registry (stacks/registry.ts): every stack for
 * the root app and the preview, one folder's stacks for that folder's
 * main.ts. Adding a stack folder without a builder here fails the type check.
 */
import type { App } from "cdktf";
import type { OrgConfig } from "../config/model.ts";
import { AppStack } from "../app/app-stack.ts";
import { CorpStack } from "../corp/corp-stack.ts";
import { DnsStack } from "../dns/dns-stack.ts";
import { OrgStack } from "../org/org-stack.ts";
import { ToolsStack } from "../tools/tools-stack.ts";
import { appStackId } from "../naming/names.ts";
import { stackEntries, type StackEntry, type StackFolder } from "./registry.ts";
import { runnerEntry, type RunAs } from "./run-as.ts";
import type { BuildStacks } from "./synthesize.ts";

type Builder = (app: App, config: OrgConfig, entry: StackEntry, runAs: RunAs) => void;

const BUILDERS: Readonly<Record<StackFolder, Builder>> = {
  org: (app, config) => {
    new OrgStack(app, { config });
  },
  dns: (app, config) => {
    new DnsStack(app, { config });
  },
  corp: (app, config) => {
    new CorpStack(app, { config });
  },
  tools: (app, config) => {
    new ToolsStack(app, { config });
  },
  app: (app, config, entry, runAs) => {
    const environment = config.app!.environments.find((e) => appStackId(e.environment) === entry.id)!;
    const runner = runnerEntry(runAs, environment.environment);
    new AppStack(app, { config, app: environment, ...(runner && { runner }) });
  },
};

function buildWhere(keep: (entry: StackEntry) => boolean): BuildStacks {
  return (app, config, runAs = "operator") => {
    // Only app stacks run as a runner; the shared ones are built as always (and need the management account).
    for (const entry of stackEntries(config).filter(keep)) BUILDERS[entry.folder](app, config, entry, runAs);
  };
}

/** Every stack of the organization, in deploy order. */
export const buildAllStacks: BuildStacks = buildWhere(() => true);

/** The stacks of one account folder (`cd org && npx cdktf synth`). */
export function buildFolder(folder: StackFolder): BuildStacks {
  return buildWhere((entry) => entry.folder === folder);
}

/** The named stacks only. */
export function buildStacksNamed(ids: readonly string[]): BuildStacks {
  return buildWhere((entry) => ids.includes(entry.id));
}
