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
import { stateWithoutRole, type RunnerEntry } from "./run-as.ts";
import { configureStateBackend } from "./state-backend.ts";

export interface AccountStackProps {
  /** The whole organization, as loaded and validated from config/. */
  readonly config: OrgConfig;
  /** The account this stack deploys into. */
  readonly account: AccountConfig;
  /** Set when a Tools-account runner runs this stack instead of an operator (stacks/run-as.ts). */
  readonly runner?: RunnerEntry;
}

export abstract class AccountStack extends TerraformStack {
  readonly config: OrgConfig;
  readonly account: AccountConfig;

  protected constructor(scope: Construct, id: string, props: AccountStackProps) {
    super(scope, id);
    // A runner reaches the state directly, through the bucket's grant to it, never through state.role_arn.
    this.config = props.runner ? { ...props.config, state: stateWithoutRole(props.config.state) } : props.config;
    this.account = props.account;
    configureStateBackend(this, id, this.config.state);
    addAwsProvider(this, this.config, props.account, id, props.runner?.roleName);
    Aspects.of(this).add(new PolicyRulesAspect(policyContext(this.config, props.account, id)));
  }
}
