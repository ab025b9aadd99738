/**
 * The application in one environment (app-dev, app-stage, app-prod ...):
 * one stack per environment of config, in that environment's account, with
 * its own state. Every stack is built by this one class from the
 * environment's resolved knobs (config/app.yaml); nothing here asks which
 * environment it is. Deployed after org and dns: it reads its zone's id
 * from the dns stack's state and owns the records inside that zone.
 */
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import type { Construct } from "constructs";
import { join } from "node:path";
import type { AppEnvironment } from "../config/app-model.ts";
import type { OrgConfig } from "../config/model.ts";
import { DNS_OUTPUTS } from "../dns/outputs.ts";
import { AccountStack } from "../stacks/account-stack.ts";
import { appBoundaryArn, appResourcePrefix } from "../stacks/app-permissions.ts";
import type { RunnerEntry } from "../stacks/run-as.ts";
import { accountIdOf } from "../stacks/aws-provider.ts";
import { appStackId } from "../naming/names.ts";
import { publishOutputs, readRemoteOutputs } from "../stacks/remote-state.ts";
import { ApiFunction } from "./api-function.ts";
import { HttpApi } from "./http-api.ts";
import { appOutputs } from "./outputs.ts";
import { ServerErrorAlarm } from "./server-error-alarm.ts";

/** The function's code: packaged at synth as it is. */
export const APP_SOURCE_DIR = join(import.meta.dirname, "src");

export interface AppStackProps {
  readonly config: OrgConfig;
  /** This environment's knobs, resolved by the loader. */
  readonly app: AppEnvironment;
  /** The folder packaged as the function's code; default app/src. */
  readonly sourceDir?: string;
  /** Set when a Tools-account runner runs the stack (stacks/run-as.ts). */
  readonly runner?: RunnerEntry;
}

export class AppStack extends AccountStack {
  constructor(scope: Construct, props: AppStackProps) {
    const { app } = props;
    super(scope, appStackId(app.environment), {
      config: props.config,
      account: props.config.accounts.find((a) => a.name === app.account)!,
      ...(props.runner && { runner: props.runner }),
    });
    const prefix = appResourcePrefix(this.config.name, app.environment);
    const accountId = accountIdOf(this.account)!;
    const region = this.account.region;
    const dns = readRemoteOutputs(this, this.config, DNS_OUTPUTS);

    const table = this.createTable(`${prefix}items`, app);
    const fn = new ApiFunction(this, "function", {
      app,
      functionName: `${prefix}api`,
      sourceDir: props.sourceDir ?? APP_SOURCE_DIR,
      tableName: table.name,
      tableArn: table.arn,
      region,
      accountId,
      // The tools stack's deploy role may create app roles only with it (stacks/app-permissions.ts).
      ...(this.config.tools && { permissionsBoundary: appBoundaryArn(accountId, app.environment) }),
    });
    const api = new HttpApi(this, "http-api", { app, name: `${prefix}api`, function: fn.function, zoneId: dns.environmentZoneIds.lookup(app.environment) });
    const alarm = new ServerErrorAlarm(this, "server-errors", { app, name: `${prefix}alarms`, apiId: api.api.id, stageName: api.stage.name, region, accountId });

    publishOutputs(this, appOutputs(app.environment), {
      apiUrl: `https://${app.apiDomain}`,
      functionName: fn.function.functionName,
      tableName: table.name,
      alarmTopicArn: alarm.topic.arn,
    });
  }

  /** On demand; recoverable and undeletable where config protects it. */
  private createTable(name: string, app: AppEnvironment): DynamodbTable {
    return new DynamodbTable(this, "table", {
      name,
      billingMode: "PAY_PER_REQUEST",
      hashKey: "id",
      attribute: [{ name: "id", type: "S" }],
      pointInTimeRecovery: { enabled: app.tableProtection },
      deletionProtectionEnabled: app.tableProtection,
      lifecycle: { preventDestroy: app.tableProtection },
    });
  }
}
