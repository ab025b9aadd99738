/**
 * The shape of config/access.yaml: who may sign in where, with which rights,
 * through IAM Identity Center (the org stack, org/people-access.ts). Checks
 * that need organization.yaml and the account files (known accounts, OUs,
 * environments, duplicates) are in validate-access.ts.
 */
import { z } from "zod";
import { regionSchema } from "./schema.ts";

/** Identity Center's limits on a permission set name. */
export const PERMISSION_SET_NAME = /^[\w+=,.@-]{1,32}$/;

/** PT<h>H, PT<m>M or PT<h>H<m>M: Identity Center takes 1 to 12 hours. */
const DURATION = /^PT(?:(\d{1,2})H)?(?:(\d{1,3})M)?$/;

/** Minutes of an ISO 8601 duration as Identity Center writes them; undefined when it is not one. */
export function durationMinutes(value: string): number | undefined {
  const m = DURATION.exec(value);
  if (!m || (m[1] === undefined && m[2] === undefined)) return undefined;
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
}

const permissionSetSchema = z.strictObject({
  description: z.string().min(1).max(700).optional().describe("What the permission set is for, shown on the sign-in page."),
  managed_policies: z
    .array(z.string().regex(/^arn:aws:iam::aws:policy\/[\w+=,.@/-]+$/, { error: "must be an AWS managed policy ARN (arn:aws:iam::aws:policy/<name>, e.g. arn:aws:iam::aws:policy/ReadOnlyAccess)" }))
    .default([])
    .describe("AWS managed policies attached, by ARN."),
  inline_policy: z
    .strictObject({ Version: z.literal("2012-10-17").default("2012-10-17"), Statement: z.array(z.record(z.string(), z.unknown())).min(1) })
    .optional()
    .describe("An IAM policy document added to the managed policies."),
  session_duration: z
    .string()
    .default("PT8H")
    .superRefine((value, ctx) => {
      const minutes = durationMinutes(value);
      if (minutes === undefined) ctx.addIssue({ code: "custom", message: `is not an ISO 8601 duration Identity Center reads (write PT1H, PT8H or PT1H30M)` });
      else if (minutes < 60 || minutes > 12 * 60) ctx.addIssue({ code: "custom", message: `is ${minutes} minutes; Identity Center allows 1 to 12 hours (PT1H to PT12H)` });
    })
    .describe("How long a sign-in lasts: ISO 8601, PT1H to PT12H (default PT8H)."),
});

const groupSchema = z.strictObject({
  description: z.string().min(1).max(1024).optional(),
  existing_group_id: z
    .string()
    .regex(/^([0-9a-f]{10}-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
      error: "must be the group id Identity Center shows (a UUID, optionally prefixed, e.g. 906754f3f1-5b6a4c2d-8e9f-4a1b-9c3d-0123456789ab)",
    })
    .optional()
    .describe("A group that already exists (e.g. synced from your identity provider): referenced by id, not created."),
});

const assignmentSchema = z.strictObject({
  group: z.string().describe("A group of groups:."),
  permission_set: z.string().describe("A permission set of permission_sets:."),
  accounts: z.array(z.string()).default([]).describe("Account names."),
  ous: z.array(z.string()).default([]).describe("OU names: every account in them and in the OUs below them."),
  environments: z.array(z.string()).default([]).describe("Environment names: their accounts."),
  all_accounts: z.boolean().default(false).describe("Every account of the organization, the management account included."),
});

export const accessFileSchema = z
  .strictObject({
    identity_center: z.strictObject({
      instance_arn: z
        .string()
        .regex(/^arn:aws:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/, {
          error: "must be the instance ARN from the IAM Identity Center console, Settings (arn:aws:sso:::instance/ssoins-<16 characters>)",
        })
        .describe("IAM Identity Center console, Settings: Instance ARN."),
      identity_store_id: z
        .string()
        .regex(/^d-[0-9a-f]{10}$/, { error: "must be the identity store id from the IAM Identity Center console, Settings (d-<10 hex digits>)" })
        .describe("IAM Identity Center console, Settings: Identity store ID."),
      region: regionSchema.describe("The region Identity Center is enabled in (the console shows it)."),
    }),
    permission_sets: z.record(z.string(), permissionSetSchema).describe("Permission set name (at most 32 of letters, digits and +=,.@_-) -> what it grants."),
    groups: z.record(z.string(), groupSchema).describe("Group display name -> created here, or referenced by existing_group_id."),
    assignments: z.array(assignmentSchema).default([]).describe("Group x permission set x accounts."),
  })
  .describe("People's access through IAM Identity Center: config/access.yaml.");

export type AccessFile = z.output<typeof accessFileSchema>;
