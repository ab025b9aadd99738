import { runSync } from "../../cli/commands/sync.ts";
import { tempRepo, type TempRepo } from "../helpers/example-config.ts";
import { session } from "./harness.ts";

/** Ids the org stack "created" in these tests, as its account_ids output lists them (the management account's comes from config). */
export const CREATED_IDS = {
  org: "111111111111",
  security: "100000000001",
  dns: "100000000002",
  corp: "100000000003",
  tools: "100000000004",
  dev: "100000000005",
  stage: "100000000006",
  prod: "100000000007",
  legacy: "222222222222",
};

export const MANAGEMENT_ID = CREATED_IDS.org;

/** A temporary copy of the example config as it is after the org stack created the accounts and sync wrote their ids. */
export async function createdRepo(): Promise<TempRepo> {
  const repo = tempRepo();
  const s = session(repo);
  await runSync(s.ws, s.io, { reader: { source: "test", read: async () => ({ account_ids: { value: CREATED_IDS } }) } });
  return repo;
}
