/**
 * An app stack's output contract: what people and commands read from its
 * state (the API's address, the function and table names). One contract per
 * environment's stack, the same outputs in each. Published by app-stack.ts.
 */
import { appStackId } from "../naming/names.ts";
import { outputContract } from "../stacks/output-contract.ts";

export function appOutputs(environment: string) {
  return outputContract(appStackId(environment), {
    apiUrl: {
      name: "api_url",
      kind: "string",
      description: "The API's address: https://api.<environment zone>",
      placeholder: "https://placeholder.not-applied-yet.invalid",
    },
    functionName: {
      name: "function_name",
      kind: "string",
      description: "The API's Lambda function (its logs: /aws/lambda/<name>)",
      placeholder: "placeholder-not-applied-yet",
    },
    tableName: {
      name: "table_name",
      kind: "string",
      description: "The application's DynamoDB table",
      placeholder: "placeholder-not-applied-yet",
    },
    alarmTopicArn: {
      name: "alarm_topic_arn",
      kind: "string",
      description: "The SNS topic the server-error alarm publishes to (subscribe more people here)",
      placeholder: "arn:aws:sns:placeholder:000000000000:not-applied-yet",
    },
  });
}
