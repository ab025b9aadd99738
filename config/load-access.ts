/**
 * The loader's access part: reads config/access.yaml (when present), checks
 * it with the organization and the account files, and builds the `access`
 * part of the model. load.ts calls it, as it calls load-tools.ts.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import type { AccessConfig } from "./access-model.ts";
import { accessFileSchema } from "./access-schema.ts";
import type { Problem } from "./problems.ts";
import type { OrganizationFile } from "./schema.ts";
import { ACCESS_FILE, checkAccess } from "./validate-access.ts";
import type { ParsedAccount, ParsedFile } from "./validate.ts";

type ReadAndCheck = <S extends z.ZodType>(path: string, display: string, schema: S, problems: Problem[]) => ParsedFile<z.output<S>> | undefined;

export interface AccessPart {
  readonly build: () => { access?: AccessConfig };
}

/** Reads and checks access.yaml; adds every problem to `problems`. `org` is undefined when organization.yaml did not parse. */
export function loadAccessPart(
  configDir: string,
  display: (file: string) => string,
  org: ParsedFile<OrganizationFile> | undefined,
  accounts: readonly ParsedAccount[],
  readAndCheck: ReadAndCheck,
  problems: Problem[],
): AccessPart {
  const path = join(configDir, ACCESS_FILE);
  const file = existsSync(path) ? readAndCheck(path, display(path), accessFileSchema, problems) : undefined;
  if (!org || !file) return { build: () => ({}) };
  const resolved = checkAccess(file, org, accounts);
  problems.push(...resolved.problems);
  const d = file.data;
  return {
    build: () => ({
      access: {
        instanceArn: d.identity_center.instance_arn,
        identityStoreId: d.identity_center.identity_store_id,
        region: d.identity_center.region,
        permissionSets: Object.entries(d.permission_sets).map(([name, p]) => ({
          name,
          ...(p.description !== undefined && { description: p.description }),
          managedPolicies: p.managed_policies,
          ...(p.inline_policy !== undefined && { inlinePolicy: JSON.stringify(p.inline_policy) }),
          sessionDuration: p.session_duration,
        })),
        groups: Object.entries(d.groups).map(([name, g]) => ({
          name,
          ...(g.description !== undefined && { description: g.description }),
          ...(g.existing_group_id !== undefined && { existingGroupId: g.existing_group_id }),
        })),
        assignments: resolved.assignments,
      },
    }),
  };
}
