/** The messages cdktf would print or fail on, read from a stack's construct tree. */
import { AnnotationMetadataEntryType, type TerraformStack } from "cdktf";

export function annotationsOf(stack: TerraformStack, level: "error" | "warning"): string[] {
  const type = level === "error" ? AnnotationMetadataEntryType.ERROR : AnnotationMetadataEntryType.WARN;
  return stack.node.findAll().flatMap((construct) => construct.node.metadata.filter((m) => m.type === type).map((m) => String(m.data)));
}
