/** The destroy guard, for the CLI (cli/guard.ts), the deploy script and the preview. */
export { runGuard, USAGE } from "../../cli/guard-command.ts";
export { findProtectedChanges, formatFindings, guardPlan, NotAPlanError, type Finding, type GuardOptions, type GuardResult } from "./find-protected-changes.ts";
export { PROTECTED_TYPES } from "./protected-types.ts";
