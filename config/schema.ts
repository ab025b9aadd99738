/**
 * The shape of the YAML files under config/. One zod schema per file kind is
 * the single source of truth: the TypeScript types are inferred from it, the
 * loader validates with it, and the JSON Schemas in config/schema/ that
 * editors use are generated from it (npm run schema).
 *
 * Messages here are the "what is wrong (what to do)" half of an error; the
 * loader adds "file:line  field:" in front.
 */
import { z } from "zod";
import { GUARDRAIL_NAMES } from "./guardrail-names.ts";
import { AWS_REGIONS } from "./regions.ts";

/** Lower-case identifier used for file names, stack ids and Terraform addresses. */
export const SLUG = /^[a-z][a-z0-9-]*$/;
const slugMessage = "must be lower-case letters, digits and dashes, starting with a letter (e.g. prod-eu)";

export const slug = (what: string, max = 50) =>
  z
    .string()
    .regex(SLUG, { error: slugMessage })
    .max(max, { error: (iss) => `is ${String(iss.input).length} characters; ${what} can have at most ${max}` });

/** AWS: an email of 6 to 64 characters. We also insist on a dot in the domain, which AWS's own check lets through. */
export const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
export const email = z
  .string()
  .min(6, { error: (iss) => `is ${String(iss.input).length} characters; AWS needs at least 6` })
  .max(64, { error: (iss) => `is ${String(iss.input).length} characters; AWS allows at most 64 (use a shorter alias)` })
  .regex(EMAIL, { error: "is not an email address (use the form name@domain.tld)" });

/** An AWS region of the commercial partition (the loader says which partition another one belongs to). */
export const regionSchema = z.enum(AWS_REGIONS, { error: "is not an AWS region" });
const region = regionSchema;

const ACCOUNT_ID = /^\d{12}$/;
export const accountId = z.string().regex(ACCOUNT_ID, {
  error: (iss) => `is ${describeId(String(iss.input))}; an account id is exactly 12 digits (copy it from the AWS console, in quotes)`,
});

function describeId(id: string): string {
  return /^\d+$/.test(id) ? `${id.length} digits` : "not all digits";
}

/** AWS account names: 1 to 50 printable ASCII characters. Leading/trailing blanks are almost always a typo. */
const title = z
  .string()
  .min(1, { error: "is empty; give the account a display name" })
  .max(50, { error: (iss) => `is ${String(iss.input).length} characters; AWS account names can have at most 50` })
  .regex(/^[\x20-\x7E]*$/, { error: "has characters outside printable ASCII, which AWS account names do not allow (use plain ASCII)" })
  .regex(/^\S(.*\S)?$/, { error: "starts or ends with a blank (remove it)" });

const roleName = z.string().regex(/^[\w+=,.@-]{1,64}$/, { error: "is not an IAM role name (1-64 of letters, digits and +=,.@_-)" });

const domain = z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/, {
  error: "is not a lower-case DNS domain such as example.com",
});

const bucketName = z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: "is not an S3 bucket name (3-63 lower-case letters, digits, dots, dashes)" });

const servicePrincipal = z.string().regex(/^[a-z0-9.-]+\.amazonaws\.com$/, { error: "is not an AWS service principal such as cloudtrail.amazonaws.com" });

export const organizationalUnitSchema = z
  .strictObject({
    parent: slug("an OU name").optional().describe("Parent OU; the organization root when absent."),
  })
  .describe("An organizational unit.");

export const environmentSchema = z
  .strictObject({
    account: slug("an account name").describe("Name of the member account this environment deploys into."),
    branch: z.string().min(1).optional().describe("Git branch that deploys this environment (e.g. develop, main)."),
    tag: z.string().min(1).optional().describe("Git tag pattern that deploys this environment (e.g. v*)."),
    protected: z.boolean().default(false).describe("Holds data that must survive mistakes: data-store guardrails and stricter rules apply."),
  })
  .describe("An application environment: one account, one git ref, one stack.");

export const stateSchema = z
  .strictObject({
    backend: z.enum(["local", "s3"], { error: "must be local or s3" }).default("local").describe("local: one file per stack under local_directory. s3: the state bucket, one key per stack."),
    bucket: bucketName.describe("State bucket the org stack creates (and the S3 backend uses)."),
    region: region.optional().describe("Region of the state bucket; the organization's default_region when absent."),
    role_arn: z
      .string()
      .regex(/^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/, { error: "is not an IAM role ARN" })
      .optional()
      .describe("Role the S3 backend assumes to reach the state bucket."),
    key_prefix: z
      .string()
      .regex(/^([\w.-]+\/)*$/, { error: "must be empty or end with / (e.g. acme/)" })
      .default("")
      .describe("Prefix for every state key."),
    local_directory: z.string().min(1).default("state").describe("Folder for local state files, relative to the repository root."),
    key_overrides: z
      .record(z.string(), z.string().regex(/^[\w./-]+\.tfstate$/, { error: "must be a path ending in .tfstate" }))
      .default({})
      .describe("Explicit state keys by stack id, for adopting state that already lives elsewhere."),
  })
  .describe("Where Terraform keeps state.");

const guardrailList = z.array(z.enum(GUARDRAIL_NAMES, { error: "is not a known guardrail" }));

export const guardrailsSchema = z
  .strictObject({
    break_glass_role: z
      .string()
      .regex(/^([\w+=,.@-]{1,64}|arn:aws:iam::\d{12}:role\/[\w+=,.@/-]{1,64})$/, {
        error: "is neither an IAM role name nor a role ARN (e.g. BreakGlassAdmin or arn:aws:iam::111111111111:role/BreakGlassAdmin)",
      })
      .optional()
      .describe("The only role allowed to change the protected access and deploy roles."),
    root: guardrailList.optional().describe("Guardrails on the organization root: every member account. Absent: baseline and protect-access-roles; [] turns them off (synth warns)."),
    ous: z.record(z.string(), guardrailList).default({}).describe("Guardrails by OU name."),
    accounts: z.record(z.string(), guardrailList).default({}).describe("Guardrails by member account name."),
  })
  .describe("Service control policies.");

/** AWS's documented defaults; raise them here after AWS raised yours. */
export const quotasSchema = z
  .strictObject({
    accounts: z.number().int().positive().default(10).describe("Accounts in the organization (AWS default quota: 10)."),
    policy_size: z.number().int().positive().default(5120).describe("Characters in one SCP (AWS: 5120)."),
    policies_per_target: z.number().int().positive().default(5).describe("SCPs attached to one root, OU or account, FullAWSAccess included (AWS: 5)."),
  })
  .describe("AWS Organizations quotas checked before anything is applied.");

export const organizationFileSchema = z
  .strictObject({
    name: slug("the organization name", 30).describe("Short name of the organization, used in resource names."),
    domain: domain.describe("Primary DNS domain."),
    default_region: region.describe("Region used when an account does not name one."),
    allowed_regions: z.array(region).min(1).describe("Regions stacks may be placed in."),
    email_pattern: z
      .string()
      .regex(/\{name\}/, { error: "must contain {name}, e.g. aws-{name}@example.com or root+{name}@example.com" })
      .describe("Root email for new accounts; {name} is replaced by the account name."),
    management_account: slug("an account name").describe("Name of the management account (config/accounts/<name>.yaml)."),
    accounts: z.array(slug("an account name")).describe("Member accounts; each has config/accounts/<name>.yaml."),
    service_access_principals: z.array(servicePrincipal).default([]).describe("AWS services given organization-wide access."),
    organizational_units: z.record(z.string(), organizationalUnitSchema).describe("OU tree, by name."),
    environments: z.record(z.string(), environmentSchema).describe("Application environments, by name."),
    log_archive_account: slug("an account name").optional().describe("Member account that receives the organization CloudTrail; no trail when absent."),
    guardrails: guardrailsSchema.default({ ous: {}, accounts: {} }),
    quotas: quotasSchema.default({ accounts: 10, policy_size: 5120, policies_per_target: 5 }),
    state: stateSchema,
    // --- DNS and Corp accounts (dns/, corp/; the rest is config/corp.yaml, config/corp-schema.ts) ---
    dns_account: slug("an account name").optional().describe("Member account that holds the primary hosted zone for domain (the dns stack); no dns stack when absent."),
    corp_account: slug("an account name").optional().describe("Member account that runs the website, the VPN and the SaaS records (the corp stack, config/corp.yaml); needs dns_account."),
    // --- end DNS and Corp ---
    // --- Tools account (tools/; the rest is config/tools.yaml, config/tools-schema.ts) ---
    tools_account: slug("an account name").optional().describe("Member account that runs the pipelines deploying the environments (the tools stack, config/tools.yaml); no tools stack when absent."),
  })
  .describe("The organization: config/organization.yaml.");

export const accountFileSchema = z
  .strictObject({
    name: slug("an account name").describe("Identifier; must match the file name."),
    title: title.describe("AWS account name shown in the console (1-50 printable ASCII)."),
    email: email.describe("Root user email; unique across the organization."),
    region: region.optional().describe("Home region; the organization's default_region when absent."),
    ou: slug("an OU name").optional().describe("Organizational unit; required for member accounts."),
    admin_role_name: roleName.default("OrganizationAccountAccessRole").describe("Role the stacks assume in this account."),
    account_id: accountId.optional().describe("12-digit id, in quotes. Set for an account that already exists; written by `accounts sync` otherwise."),
  })
  .describe("One AWS account: config/accounts/<name>.yaml.");

/** service:Action, one action: the engine answers for a request, and a request names one action. */
export const ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;

export const guardrailExpectationSchema = z
  .strictObject({
    name: z.string().min(1, { error: "is empty; say in a few words what this expectation proves" }).describe("What this expectation proves, shown when it fails."),
    account: slug("an account name").optional().describe("A member account the request is made in."),
    ou: slug("an OU name").optional().describe("An OU: the request is made in every account in it or below it (or, when it has none, in a new account placed there)."),
    principal: z
      .string()
      .regex(/^(root|role\/[\w+=,.@-]{1,64})$/, {
        error: "is not a principal this can test (write root for the account's root user, or role/<name> for a role in the account, e.g. role/deploy-prod)",
      })
      .describe("Who makes the request: root (the account's root user) or role/<name> (a role in that account, allowed everything by its own policies)."),
    action: z.string().regex(ACTION, { error: "is not an action of the form service:Action (name one action, e.g. iam:CreateRole; no wildcards)" }).describe("One action, e.g. iam:CreateRole."),
    resource: z
      .string()
      .regex(/^(\*|arn:[^:]+:[^:]*:[^:]*:[^:]*:.+)$/, {
        error: "is not * or an ARN (e.g. arn:aws:iam::{account}:role/BreakGlassAdmin; {account} and {region} are filled in)",
      })
      .optional()
      .describe("The resource ARN; {account} and {region} are replaced by the account's id and the region. Default: *."),
    region: region.optional().describe("The region the request is made in (aws:RequestedRegion). Default: the account's region."),
    expect: z.enum(["allowed", "denied"], { error: "must be allowed or denied" }).describe("What the guardrails must answer."),
  })
  .describe("A request and what the guardrails must answer to it.");

export const guardrailExpectationsFileSchema = z
  .strictObject({
    expectations: z.array(guardrailExpectationSchema).describe("Checked by npm run guardrails and npm test."),
  })
  .describe("What the guardrails must allow and deny: config/guardrail-expectations.yaml.");

export type OrganizationFile = z.infer<typeof organizationFileSchema>;
export type GuardrailExpectationsFile = z.infer<typeof guardrailExpectationsFileSchema>;
export type AccountFile = z.infer<typeof accountFileSchema>;
