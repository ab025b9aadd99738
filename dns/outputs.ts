/**
 * The dns stack's output contract: what the corp stack (and later the app
 * stacks) read from its state. Published by dns-stack.ts, read with
 * readRemoteOutputs (stacks/remote-state.ts). Renaming one is a type error
 * in every reader.
 */
import { DNS_STACK_ID } from "../naming/names.ts";
import { outputContract } from "../stacks/output-contract.ts";

export const DNS_OUTPUTS = outputContract(DNS_STACK_ID, {
  primaryZoneId: {
    name: "primary_zone_id",
    kind: "string",
    description: "Id of the primary hosted zone (domain), in the DNS account",
    placeholder: "Z0PLACEHOLDERNOTAPPLIED",
  },
  primaryNameServers: {
    name: "primary_name_servers",
    kind: "stringList",
    description: "The primary zone's name servers: set these at the domain's registrar",
    placeholder: ["ns-placeholder.not-applied-yet.invalid"],
  },
  environmentZoneIds: {
    name: "environment_zone_ids",
    kind: "stringMap",
    description: "Id of each environment's delegated zone (dev.example.com ...), in that environment's account, by environment",
    placeholder: { "not-applied-yet": "Z0PLACEHOLDERNOTAPPLIED" },
  },
});
