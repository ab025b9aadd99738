/**
 * The management account: the Organization itself, its OUs, every member
 * account, the guardrails (SCPs) on them, the bucket that holds every stack's
 * Terraform state, the organization trail, and people's access (IAM
 * Identity Center). Deployed first; every other
 * stack depends on the accounts it creates.
 */
import type { OrganizationsAccount } from "@cdktf/provider-aws/lib/organizations-account";
import { OrganizationsOrganization } from "@cdktf/provider-aws/lib/organizations-organization";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { Construct } from "constructs";
import { memberAccounts, type OrgConfig } from "../config/model.ts";
import { AccountStack } from "../stacks/account-stack.ts";
import { awsProviderConfig } from "../stacks/aws-provider.ts";
import { ORG_STACK_ID } from "../naming/names.ts";
import { publishOutput, publishOutputs } from "../stacks/remote-state.ts";
import { SecureBucket } from "../stacks/secure-bucket.ts";
import { stateBucketGrantStatements } from "../stacks/state-access.ts";
import { attachGuardrails } from "./guardrails/attach.ts";
import { createMemberAccounts } from "./member-accounts.ts";
import { createOrganizationTrail } from "./organization-trail.ts";
import { createOrganizationalUnits, type OuIds } from "./organization-units.ts";
import { createPeopleAccess } from "./people-access.ts";
import { ORG_OUTPUTS, ORGANIZATION_TRAIL_BUCKET_OUTPUT } from "./outputs.ts";

export interface OrgStackProps {
  readonly config: OrgConfig;
}

export class OrgStack extends AccountStack {
  constructor(scope: Construct, props: OrgStackProps) {
    super(scope, ORG_STACK_ID, { config: props.config, account: props.config.managementAccount });
    const organization = this.createOrganization();
    const ous = createOrganizationalUnits(this, this.config.organizationalUnits, organization.roots.get(0).id);
    const accounts = createMemberAccounts(this, memberAccounts(this.config), ous);
    this.attachGuardrails(organization, ous, accounts);
    const stateBucket = this.createStateBucket();
    this.createOrganizationTrail(organization);
    this.createPeopleAccess(accounts);
    this.exportOutputs(organization, accounts, stateBucket);
  }

  /** Read by `accounts sync` and by the other stacks, under the names of the contract in org/outputs.ts. */
  private exportOutputs(organization: OrganizationsOrganization, accounts: ReadonlyMap<string, OrganizationsAccount>, stateBucket: SecureBucket): void {
    publishOutputs(this, ORG_OUTPUTS, {
      organizationId: organization.id,
      accountIds: Object.fromEntries([...(this.account.accountId !== undefined ? [[this.account.name, this.account.accountId]] : []), ...[...accounts].map(([name, account]) => [name, account.id])]),
      stateBucket: stateBucket.bucket.bucket,
    });
  }

  private createOrganization(): OrganizationsOrganization {
    return new OrganizationsOrganization(this, "organization", {
      featureSet: "ALL",
      enabledPolicyTypes: ["SERVICE_CONTROL_POLICY"],
      awsServiceAccessPrincipals: [...this.config.serviceAccessPrincipals],
      lifecycle: { preventDestroy: true },
    });
  }

  /** SCPs from config's guardrails on the root, OUs and accounts; synth fails when one breaks an AWS limit. */
  private attachGuardrails(organization: OrganizationsOrganization, ous: OuIds, accounts: ReadonlyMap<string, OrganizationsAccount>): void {
    attachGuardrails(this, this.config, { organization, ous, accounts });
  }

  /** Only once the log-archive account's id is known (a warning says what to do until then). */
  private createOrganizationTrail(organization: OrganizationsOrganization): void {
    const trail = createOrganizationTrail(this, this.config, organization, this.node.id);
    if (trail) publishOutput(this, ORGANIZATION_TRAIL_BUCKET_OUTPUT, trail.bucket.bucket.bucket);
  }

  /** Identity Center permission sets, groups and assignments, when config/access.yaml says who may do what where. */
  private createPeopleAccess(accounts: ReadonlyMap<string, OrganizationsAccount>): void {
    if (this.config.access === undefined) return;
    createPeopleAccess(this, {
      access: this.config.access,
      managementAccount: this.account,
      accounts,
      providerConfig: awsProviderConfig(this.config, this.account, this.node.id),
    });
  }

  /** The state bucket may live in another region than the management account's home. */
  private createStateBucket(): SecureBucket {
    const { state } = this.config;
    const provider =
      state.region === this.account.region
        ? undefined
        : new AwsProvider(this, "aws-state-region", {
            ...awsProviderConfig(this.config, this.account, this.node.id),
            alias: "state_region",
            region: state.region,
          });
    // The Tools account's runners reach their own state objects directly (stacks/state-access.ts).
    const grants = stateBucketGrantStatements(this.config);
    return new SecureBucket(this, "state-bucket", { bucketName: state.bucket, ...(provider && { provider }), ...(grants.length > 0 && { extraStatements: () => grants }) });
  }
}
