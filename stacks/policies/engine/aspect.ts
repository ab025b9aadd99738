/**
 * Runs every policy rule over a stack at synth time. A violation is an error
 * annotation on the offending resource:
 *
 *   [rule-id] <address>: <what is wrong> (<what to do>)
 *
 * and cdktf refuses to synthesize the stack. The same messages are also
 * registered as construct validations, because the cdktf CLI runs the app
 * with CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS set: annotations alone
 * would let the app write cdk.tf.json (the CLI only fails afterwards), while
 * a failed validation stops the app before anything is written, however it
 * is run.
 */
import { Annotations, TerraformStack, type IAspect } from "cdktf";
import type { IConstruct } from "constructs";
import type { PolicyContext } from "./context.ts";
import { exemptionsOf } from "./exemptions.ts";
import { ALL_RULES } from "./registry.ts";
import type { PolicyRule } from "./rule.ts";
import { StackView } from "./view.ts";

/** Current violations by construct; a validation reads them, so visiting twice does not double them. */
const violations = new WeakMap<IConstruct, string[]>();

export class PolicyRulesAspect implements IAspect {
  constructor(
    readonly context: PolicyContext,
    readonly rules: readonly PolicyRule[] = ALL_RULES,
  ) {}

  visit(node: IConstruct): void {
    // Rules need the whole stack (a bucket's encryption is a sibling resource), so they run once, at the stack.
    if (!TerraformStack.isStack(node)) return;
    const stack = new StackView(node, this.context);
    for (const resource of stack.resources) {
      const exemptions = exemptionsOf(resource.construct);
      const errors: string[] = [];
      for (const rule of this.rules) {
        if (!rule.resourceTypes.includes(resource.type)) continue;
        const problem = rule.check(resource, stack);
        if (problem !== undefined && !exemptions.has(rule.id)) errors.push(`[${rule.id}] ${resource.address}: ${problem}`);
        if (problem === undefined && exemptions.has(rule.id)) {
          annotate(resource.construct, "warning", `[${rule.id}] ${resource.address}: is exempt but complies (remove the exemption and its README entry)`);
        }
      }
      report(resource.construct, errors);
    }
  }
}

function report(construct: IConstruct, errors: string[]): void {
  if (!violations.has(construct) && errors.length > 0) {
    construct.node.addValidation({ validate: () => violations.get(construct) ?? [] });
  }
  if (errors.length > 0 || violations.has(construct)) violations.set(construct, errors);
  for (const error of errors) annotate(construct, "error", error);
}

function annotate(construct: IConstruct, level: "error" | "warning", message: string): void {
  if (construct.node.metadata.some((m) => m.data === message)) return;
  if (level === "error") Annotations.of(construct).addError(message);
  else Annotations.of(construct).addWarning(message);
}
