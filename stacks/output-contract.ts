/**
 * Typed output contracts between stacks. A producing stack declares, in its
 * own folder (org/outputs.ts, dns/outputs.ts, corp/outputs.ts), the outputs
 * other stacks and the commands read: the Terraform output name, the kind of
 * value and a clearly fake placeholder. The producer publishes them with
 * `publishOutputs` (every key required, with the declared kind), a consumer
 * reads them with `readRemoteOutputs` (an explicit remote-state data source
 * for the configured backend), a command with `outputValue`. A renamed or
 * removed output is a type error in every reader, not a failed deploy.
 *
 * Pure types and two small helpers; the cdktf part is remote-state.ts.
 */

export type OutputKind = "string" | "stringList" | "stringMap";

/** What the producer passes for an output of a kind (tokens are strings and string lists in cdktf). */
export type ProducedValue<K extends OutputKind> = K extends "string" ? string : K extends "stringList" ? string[] : Record<string, string>;

export interface OutputSpec<K extends OutputKind = OutputKind> {
  /** The Terraform output name: what `terraform output` and remote state show. */
  readonly name: string;
  readonly kind: K;
  readonly description: string;
  /**
   * What a reader sees before the producer has been applied (the preview
   * reads an empty upstream state): clearly fake, never a plausible value.
   */
  readonly placeholder: ProducedValue<K>;
}

export type OutputContract = Readonly<Record<string, OutputSpec>>;

export interface StackOutputs<C extends OutputContract> {
  /** The producing stack's id. */
  readonly stack: string;
  readonly outputs: C;
}

/** Declares a contract, keeping each entry's kind (so readers get the right type). */
export function outputContract<const C extends Record<string, OutputSpec>>(stack: string, outputs: C): StackOutputs<C> {
  return { stack, outputs };
}

/** Every output name of a contract (for the registry). */
export function outputNames(contract: StackOutputs<OutputContract>): string[] {
  return Object.values(contract.outputs).map((o) => o.name);
}

/** The producer's values: one per output of the contract, of its kind. */
export type ProducedOutputs<C extends OutputContract> = { readonly [P in keyof C]: ProducedValue<C[P]["kind"]> };

/** An output value as `terraform output -json` shows it, checked against its kind. */
export type OutputsDocument = Readonly<Record<string, { readonly value?: unknown } | undefined>>;

/**
 * The value of one output from a `terraform output -json` document, or why
 * it cannot be used (missing, or not of the declared kind).
 */
export function outputValue<K extends OutputKind>(doc: OutputsDocument, spec: OutputSpec<K>): { value: ProducedValue<K> } | { problem: string } {
  const value = doc[spec.name]?.value;
  if (value === undefined) return { problem: `has no ${spec.name} output` };
  const ok =
    spec.kind === "string"
      ? typeof value === "string"
      : spec.kind === "stringList"
        ? Array.isArray(value) && value.every((v) => typeof v === "string")
        : !!value && typeof value === "object" && !Array.isArray(value) && Object.values(value).every((v) => typeof v === "string");
  const shape = { string: "a string", stringList: "a list of strings", stringMap: "a map of strings" }[spec.kind];
  return ok ? { value: value as ProducedValue<K> } : { problem: `has a ${spec.name} output that is not ${shape}` };
}
