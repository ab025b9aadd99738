/**
 * The stack as Terraform will see it: every resource with its configuration
 * exactly as written to cdk.tf.json (snake_case, references as `${...}`,
 * escape-hatch overrides applied), next to the construct that made it.
 * Rules read this view, so `addOverride` cannot slip past them.
 */
import { TerraformResource, type TerraformStack } from "cdktf";
import type { PolicyContext } from "./context.ts";

export type Attributes = Readonly<Record<string, unknown>>;

export interface ResourceView {
  readonly construct: TerraformResource;
  readonly type: string;
  /** The Terraform name (logical id). */
  readonly name: string;
  /** `type.name`, as in a plan. */
  readonly address: string;
  readonly config: Attributes;
}

const REFERENCE = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)\}$/;

export class StackView {
  readonly resources: readonly ResourceView[];

  constructor(
    stack: TerraformStack,
    readonly context: PolicyContext,
  ) {
    const synthesized = stack.toTerraform() as { resource?: Record<string, Record<string, Attributes>> };
    const resources: ResourceView[] = [];
    for (const node of stack.node.findAll()) {
      if (!TerraformResource.isTerraformResource(node)) continue;
      const type = node.terraformResourceType;
      const name = node.friendlyUniqueId;
      // Absent when the resource was moved away with moveTo: then it is not in the configuration.
      const config = synthesized.resource?.[type]?.[name];
      if (config === undefined) continue;
      const { ["//"]: _metadata, ...attributes } = config;
      resources.push({ construct: node, type, name, address: `${type}.${name}`, config: attributes });
    }
    this.resources = resources;
  }

  ofType(type: string): ResourceView[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** The resource a whole-string reference like `${aws_launch_template.web.id}` points at. */
  referenced(value: unknown): ResourceView | undefined {
    if (typeof value !== "string") return undefined;
    const m = REFERENCE.exec(value);
    if (!m) return undefined;
    return this.resources.find((r) => r.type === m[1] && r.name === m[2]);
  }

  /**
   * Resources of `type` whose `attribute` names `target`: a reference to one
   * of the target's `identifying` attributes, or the same literal value.
   * This is how a bucket finds its aws_s3_bucket_* companions.
   */
  attachedTo(target: ResourceView, type: string, identifying: readonly string[], attribute: string): ResourceView[] {
    const literals = identifying.map((a) => target.config[a]).filter((v): v is string => typeof v === "string" && !v.includes("${"));
    return this.ofType(type).filter((candidate) => {
      const value = candidate.config[attribute];
      if (typeof value !== "string") return false;
      if (literals.includes(value)) return true;
      const m = REFERENCE.exec(value);
      return m !== null && m[1] === target.type && m[2] === target.name && identifying.includes(m[3]!);
    });
  }
}
