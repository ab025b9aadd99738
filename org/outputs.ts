/**
 * The org stack's output contract: what other stacks and the commands read
 * from its state (`accounts sync` reads account_ids). Published by
 * org-stack.ts, read through stacks/remote-state.ts or, by commands, with
 * outputValue() (cli/org-outputs.ts). Renaming one is a type error in every reader.
 */
import { outputContract } from "../stacks/output-contract.ts";
import { ORG_STACK_ID, PENDING_ACCOUNT_ID } from "../naming/names.ts";

export const ORG_OUTPUTS = outputContract(ORG_STACK_ID, {
  organizationId: {
    name: "organization_id",
    kind: "string",
    description: "The organization's id (o-...)",
    placeholder: "o-placeholder0",
  },
  accountIds: {
    name: "account_ids",
    kind: "stringMap",
    description: "Account id by account name; `accounts sync` writes these into config/accounts/*.yaml",
    placeholder: { "not-applied-yet": PENDING_ACCOUNT_ID },
  },
  stateBucket: {
    name: "state_bucket_name",
    kind: "string",
    description: "The bucket that holds every stack's state (S3 backend)",
    placeholder: "placeholder-state-bucket-not-applied-yet",
  },
});

/** Only once the organization trail exists (it waits for the log-archive account's id); not part of the contract's required set. */
export const ORGANIZATION_TRAIL_BUCKET_OUTPUT = {
  name: "organization_trail_bucket_name",
  kind: "string",
  description: "The organization trail's bucket in the log-archive account",
  placeholder: "placeholder-trail-bucket-not-applied-yet",
} as const;
