/**
 * The base of every stack: one stack = one account = one state. It owns the
 * backend, the provider (region, assume-role, allowed account, tags), so no
 * stack configures its own and none can drift from the others. It also
 * applies the policy rules (stacks/policies/), so no stack can skip them.
 */
import { Aspects, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { AccountConfig, OrgConfig } from "../config/model.ts";
import { addAwsProvider } from "./aws-provider.ts";
import { policyContext, PolicyRulesAspect } from "./policies/index.ts";
import { configureStateBackend } from "./state-backend.ts";

export interface AccountStackProps {
  /** The whole organization, as loaded and validated from config/. */
  readonly config: OrgConfig;
  /** The account this stack deploys into. */
  readonly account: AccountConfig;
}

export abstract class AccountStack extends TerraformStack {
  readonly config: OrgConfig;
  readonly account: AccountConfig;

  protected constructor(scope: Construct, id: string, props: AccountStackProps) {
    super(scope, id);
    this.config = props.config;
    this.account = props.account;
    configureStateBackend(this, id, props.config.state);
    addAwsProvider(this, props.config, props.account, id);
    Aspects.of(this).add(new PolicyRulesAspect(policyContext(props.config, props.account, id)));
  }
}
