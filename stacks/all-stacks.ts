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
import type { BuildStacks } from "./synthesize.ts";

type Builder = (app: App, config: OrgConfig, entry: StackEntry) => void;

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
  app: (app, config, entry) => {
    new AppStack(app, { config, app: config.app!.environments.find((e) => appStackId(e.environment) === entry.id)! });
  },
};

function buildWhere(keep: (entry: StackEntry) => boolean): BuildStacks {
  return (app, config) => {
    for (const entry of stackEntries(config).filter(keep)) BUILDERS[entry.folder](app, config, entry);
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
