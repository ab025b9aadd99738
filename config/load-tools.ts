/**
 * The loader's Tools part: reads config/tools.yaml (when present), checks it
 * with the organization, and builds the `tools` part of the model. load.ts
 * calls it, as it calls load-corp.ts and load-app.ts.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import type { Problem } from "./problems.ts";
import type { OrganizationFile } from "./schema.ts";
import type { ToolsConfig } from "./tools-model.ts";
import { toolsFileSchema } from "./tools-schema.ts";
import type { ParsedFile } from "./validate.ts";
import { checkTools, TOOLS_FILE } from "./validate-tools.ts";

type ReadAndCheck = <S extends z.ZodType>(path: string, display: string, schema: S, problems: Problem[]) => ParsedFile<z.output<S>> | undefined;

export interface ToolsPart {
  readonly build: (o: OrganizationFile) => { tools?: ToolsConfig };
}

/** Reads and checks tools.yaml; adds every problem to `problems`. `org` is undefined when organization.yaml did not parse. */
export function loadToolsPart(configDir: string, display: (file: string) => string, org: ParsedFile<OrganizationFile> | undefined, readAndCheck: ReadAndCheck, problems: Problem[]): ToolsPart {
  const path = join(configDir, TOOLS_FILE);
  const exists = existsSync(path);
  const file = exists ? readAndCheck(path, display(path), toolsFileSchema, problems) : undefined;
  if (!org) return { build: () => ({}) };
  problems.push(...checkTools(org, file, exists));
  return {
    build: (o) =>
      o.tools_account !== undefined && file
        ? {
            tools: {
              account: o.tools_account,
              repository: file.data.repository,
              runner: file.data.runner,
              gitHost: file.data.git_host,
              approvalBefore: file.data.approval_before,
              driftSchedule: file.data.drift_schedule.trim(),
            },
          }
        : {},
  };
}
