/**
 * The tools stack's output contract: what people and commands read from its
 * state. Published by tools-stack.ts. Renaming one is a type error in every
 * reader.
 */
import { TOOLS_STACK_ID } from "../naming/names.ts";
import { outputContract } from "../stacks/output-contract.ts";

export const TOOLS_OUTPUTS = outputContract(TOOLS_STACK_ID, {
  connectionArn: {
    name: "connection_arn",
    kind: "string",
    description: "The CodeConnections connection to the git host: PENDING until someone completes the handshake in the console (tools/README.md)",
    placeholder: "arn:aws:codeconnections:eu-west-1:000000000000:connection/not-applied-yet",
  },
  artifactBucket: {
    name: "artifact_bucket",
    kind: "string",
    description: "The pipelines' artifact bucket, encrypted with the Tools account's artifacts key",
    placeholder: "not-applied-yet",
  },
  deployRoleArns: {
    name: "deploy_role_arns",
    kind: "stringMap",
    description: "Each environment's deploy role (in that environment's account), by environment",
    placeholder: { "not-applied-yet": "arn:aws:iam::000000000000:role/not-applied-yet" },
  },
  runnerRoleArns: {
    name: "runner_role_arns",
    kind: "stringMap",
    description: "The Tools account's role per environment that runs deploy:ci and alone may assume that environment's deploy role, by environment",
    placeholder: { "not-applied-yet": "arn:aws:iam::000000000000:role/not-applied-yet" },
  },
});
