import { isTrue, type PolicyRule } from "../engine/rule.ts";

/**
 * RDS databases holding protected data keep a final snapshot and deletion protection.
 * The protect-data-stores SCP cannot tell a deletion with a final snapshot
 * from one without (RDS has no condition key for it), so this half lives here.
 */
export const rdsFinalSnapshot: PolicyRule = {
  id: "rds-final-snapshot",
  description: "RDS instances and clusters in stacks holding protected data have deletion_protection true and do not skip the final snapshot.",
  resourceTypes: ["aws_db_instance", "aws_rds_cluster"],
  check(db, stack) {
    if (!stack.context.protectedData) return undefined;
    const problems = [...(isTrue(db.config.deletion_protection) ? [] : ["deletion_protection is not true"]), ...(isTrue(db.config.skip_final_snapshot) ? ["skip_final_snapshot is true"] : [])];
    if (problems.length === 0) return undefined;
    return `${problems.join(" and ")}, and stack ${stack.context.stackId} holds protected data (set deletionProtection: true and skipFinalSnapshot: false with a finalSnapshotIdentifier)`;
  },
};
