/** Account ids for the example's accounts, as an organization that has created them has them in config. */
import type { TempRepo } from "./example-config.ts";

export const ACCOUNT_IDS = { tools: "555555555555", dev: "333333333333", stage: "444444444444", prod: "666666666666", dns: "777777777777" } as const;

/** Writes ACCOUNT_IDS into the accounts' files of a temporary copy of the example. */
export function withAccountIds(repo: TempRepo): void {
  for (const [name, id] of Object.entries(ACCOUNT_IDS)) repo.edit(`accounts/${name}.yaml`, `name: ${name}\n`, `name: ${name}\naccount_id: "${id}"\n`);
}
