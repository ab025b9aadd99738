/**
 * A narrow role in the DNS account through which one other stack writes its
 * own records into the primary zone (Cloud Posse's dns-primary delegation,
 * narrowed): trusted by exactly that stack's role ARN, allowed
 * route53:ChangeResourceRecordSets on the primary zone only, and only for
 * the record names and types the stack owns (stacks/dns-records.ts), with
 * Route 53's condition keys. Reading the zone and the change status is
 * allowed too: Terraform needs it to create a record and wait for it.
 */
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { accountIdOf } from "../stacks/aws-provider.ts";
import type { RecordWriter } from "../stacks/dns-records.ts";
import { dnsRecordsRoleName, roleArn } from "../naming/names.ts";
import { policyDocument, policyJson, type PolicyDocument, type PolicyStatement } from "../stacks/policy-document.ts";

/** The role's permissions: read the zone, change exactly the writer's records. */
export function recordsPolicy(zoneId: string, writer: RecordWriter): PolicyDocument {
  const zoneArn = `arn:aws:route53:::hostedzone/${zoneId}`;
  const changes: PolicyStatement[] = writer.grants.map((grant, i) => ({
    Sid: `ChangeOwnRecords${i}`,
    Effect: "Allow",
    Action: "route53:ChangeResourceRecordSets",
    Resource: zoneArn,
    Condition: {
      // ForAllValues: every change of a request must match; a request with any other name or type is denied.
      "ForAllValues:StringLike": { "route53:ChangeResourceRecordSetsNormalizedRecordNames": grant.names },
      "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsRecordTypes": grant.types },
    },
  }));
  return policyDocument(
    { Sid: "ReadZone", Effect: "Allow", Action: ["route53:GetHostedZone", "route53:ListResourceRecordSets"], Resource: zoneArn },
    { Sid: "WaitForChanges", Effect: "Allow", Action: "route53:GetChange", Resource: "arn:aws:route53:::change/*" },
    ...changes,
  );
}

export class RecordsRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: { readonly zoneId: string; readonly writer: RecordWriter }) {
    super(scope, id);
    const { writer } = props;
    const trusted = roleArn(accountIdOf(writer.account)!, writer.account.adminRoleName);
    this.role = new IamRole(this, "role", {
      name: dnsRecordsRoleName(writer.stack),
      description: `Lets the ${writer.stack} stack write its own records into the primary zone`,
      maxSessionDuration: 3600,
      assumeRolePolicy: policyJson(policyDocument({ Sid: `Trust${writer.stack.replace(/[^A-Za-z0-9]/g, "")}Stack`, Effect: "Allow", Principal: { AWS: trusted }, Action: "sts:AssumeRole" })),
    });
    new IamRolePolicy(this, "policy", {
      role: this.role.name,
      name: "own-records",
      policy: policyJson(recordsPolicy(props.zoneId, writer)),
    });
  }
}
