/**
 * People's access as the org stack sees it (org/people-access.ts): permission
 * sets, groups and every assignment resolved to one account. Built by the
 * loader from config/access.yaml.
 */
import type { AwsRegion } from "./regions.ts";

export interface PermissionSetConfig {
  readonly name: string;
  readonly description?: string;
  readonly managedPolicies: readonly string[];
  /** JSON of the inline policy document, when there is one. */
  readonly inlinePolicy?: string;
  /** ISO 8601, PT1H to PT12H. */
  readonly sessionDuration: string;
}

export interface GroupConfig {
  readonly name: string;
  readonly description?: string;
  /** Set for a group that exists already: referenced, not created. */
  readonly existingGroupId?: string;
}

/** One group with one permission set in one account. */
export interface AccountAssignment {
  readonly group: string;
  readonly permissionSet: string;
  readonly account: string;
}

export interface AccessConfig {
  readonly instanceArn: string;
  readonly identityStoreId: string;
  readonly region: AwsRegion;
  readonly permissionSets: readonly PermissionSetConfig[];
  readonly groups: readonly GroupConfig[];
  /** Every assignment, one per account, in config order. */
  readonly assignments: readonly AccountAssignment[];
}
