/**
 * The loader's application part: reads config/app.yaml (when present),
 * checks it with the organization, and resolves every environment's knobs
 * (defaults, then its overrides). load.ts calls it.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { apiDomainName, type AppConfig, type AppEnvironment } from "./app-model.ts";
import { appFileSchema, type AppFile } from "./app-schema.ts";
import { environmentZoneName } from "./corp-model.ts";
import type { Problem } from "./problems.ts";
import type { OrganizationFile } from "./schema.ts";
import { APP_FILE, checkApp } from "./validate-app.ts";
import type { ParsedFile } from "./validate.ts";
import type { z } from "zod";

type ReadAndCheck = <S extends z.ZodType>(path: string, display: string, schema: S, problems: Problem[]) => ParsedFile<z.output<S>> | undefined;

export interface AppPart {
  readonly build: (o: OrganizationFile) => { app?: AppConfig };
}

/** Reads and checks app.yaml; adds every problem to `problems`. `org` is undefined when organization.yaml did not parse. */
export function loadAppPart(configDir: string, display: (file: string) => string, org: ParsedFile<OrganizationFile> | undefined, readAndCheck: ReadAndCheck, problems: Problem[]): AppPart {
  const path = join(configDir, APP_FILE);
  const file = existsSync(path) ? readAndCheck(path, display(path), appFileSchema, problems) : undefined;
  if (!org || !file) return { build: () => ({}) };
  problems.push(...checkApp(file, org));
  return { build: (o) => ({ app: appModel(file.data, o) }) };
}

function appModel(app: AppFile, o: OrganizationFile): AppConfig {
  const environments = Object.entries(o.environments).map(([name, e]): AppEnvironment => {
    const knobs = { ...app.defaults, ...app.environments[name] };
    const zoneName = environmentZoneName(name, o.domain);
    return {
      environment: name,
      account: e.account,
      zoneName,
      apiDomain: apiDomainName(zoneName),
      lambdaMemoryMb: knobs.lambda_memory_mb,
      ...(knobs.lambda_reserved_concurrency !== undefined && { lambdaReservedConcurrency: knobs.lambda_reserved_concurrency }),
      logRetentionDays: knobs.log_retention_days,
      tableProtection: knobs.table_protection,
      alarmEmail: knobs.alarm_email,
    };
  });
  return { environments };
}
