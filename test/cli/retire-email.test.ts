/**
 * Why `accounts retire` does not write the retired email at once: provider
 * hashicorp/aws 5.100.0 replaces an account whose email changes ("forces
 * replacement"; name and parent_id are updated in place), and the org
 * stack's prevent_destroy refuses that plan. Measured with a real offline
 * plan. If a provider upgrade makes the email updatable in place, this test
 * fails, and retire can become one step.
 */
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { TempRepo } from "../helpers/example-config.ts";
import { CREATED_IDS, createdRepo, MANAGEMENT_ID } from "./ids.ts";
import { offlinePlanner, type OfflinePlanner } from "./offline-plan.ts";
import { seedOrgState } from "./org-state.ts";

let planner: OfflinePlanner;
let repo: TempRepo;
beforeAll(async () => {
  planner = await offlinePlanner(MANAGEMENT_ID);
  repo = await createdRepo();
});
afterAll(async () => {
  await planner?.close();
  repo?.cleanup();
});

it("an email changed only in the config would replace the account: prevent_destroy refuses the plan", async () => {
  const seed = seedOrgState(join(planner.synth(repo), "cdk.tf.json"), CREATED_IDS, MANAGEMENT_ID);
  repo.edit("accounts/prod.yaml", "email: aws-prod@example.com", "email: aws-prod-retired-1@example.com");
  const refused = await planner.plan(repo, seed);
  expect(refused.error).toMatch(/Instance cannot be destroyed: .*aws_organizations_account\.account-prod has lifecycle\.prevent_destroy set/s);
});
