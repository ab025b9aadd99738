/**
 * Outputs between stacks, the cdktf half of stacks/output-contract.ts.
 *
 * Values known only after an apply (zone ids, name servers, the VPN's
 * address) pass as TerraformOutputs named by the producer's contract and are
 * read by the consumer through an explicit remote-state data source for the
 * configured backend: the producer's local state file, or its S3 key
 * (through the state role). Never cdktf's implicit cross-stack references:
 * across accounts they produce hashed output names and read state with the
 * wrong credentials.
 *
 * Defaults are the contract's placeholders: what the offline preview reads
 * while the producer has not been applied (engine/workdir.ts seeds an empty
 * upstream state, and the preview's notes say so). A real run before the
 * producer was applied fails: Terraform finds no state ("Unable to find
 * remote state"), and `deploy` refuses first with "apply <stack> first".
 */
import { DataTerraformRemoteStateLocal, DataTerraformRemoteStateS3, Fn, TerraformOutput, type TerraformRemoteState } from "cdktf";
import type { Construct } from "constructs";
import { join } from "node:path";
import type { OrgConfig } from "../config/model.ts";
import { localStateFile, stateKey } from "../naming/names.ts";
import type { OutputContract, OutputKind, OutputSpec, ProducedOutputs, ProducedValue, StackOutputs } from "./output-contract.ts";

/** Publishes every output of the contract; the type requires each, of its kind. */
export function publishOutputs<C extends OutputContract>(scope: Construct, contract: StackOutputs<C>, values: ProducedOutputs<C>): void {
  for (const key of Object.keys(contract.outputs) as (keyof C & string)[]) {
    publishOutput(scope, contract.outputs[key]!, values[key] as ProducedValue<C[typeof key]["kind"]>);
  }
}

/** One output (for an output that exists only in some configurations). */
export function publishOutput<K extends OutputKind>(scope: Construct, spec: OutputSpec<K>, value: ProducedValue<K>): TerraformOutput {
  return new TerraformOutput(scope, spec.name, { value, description: spec.description });
}

/** A map output read from remote state: look a key up (the keys are not known at synth). */
export interface RemoteStringMap {
  lookup(key: string): string;
}

export type RemoteValue<K extends OutputKind> = K extends "string" ? string : K extends "stringList" ? string[] : RemoteStringMap;
export type RemoteOutputs<C extends OutputContract> = { readonly [P in keyof C]: RemoteValue<C[P]["kind"]> };

/** The remote-state data source of a producer's state, with the contract's placeholders as defaults. */
export function remoteStateOf(scope: Construct, config: OrgConfig, producer: string, defaults: Record<string, unknown>): TerraformRemoteState {
  const id = `remote-state-${producer}`;
  const { state } = config;
  if (state.backend === "local") {
    return new DataTerraformRemoteStateLocal(scope, id, { path: join(state.localDirectory, localStateFile(producer)), defaults });
  }
  return new DataTerraformRemoteStateS3(scope, id, {
    bucket: state.bucket,
    key: stateKey(producer, state.keyPrefix, state.keyOverrides),
    region: state.region,
    encrypt: true,
    ...(state.roleArn !== undefined && { assumeRole: { roleArn: state.roleArn, sessionName: `state-read-${producer}` } }),
    defaults,
  });
}

/** Every output of `contract`, read from the producer's state, typed by its kind. */
export function readRemoteOutputs<C extends OutputContract>(scope: Construct, config: OrgConfig, contract: StackOutputs<C>): RemoteOutputs<C> {
  const specs = Object.entries(contract.outputs);
  const remote = remoteStateOf(scope, config, contract.stack, Object.fromEntries(specs.map(([, s]) => [s.name, s.placeholder])));
  const read = (spec: OutputSpec): unknown => {
    switch (spec.kind) {
      case "string":
        return remote.getString(spec.name);
      case "stringList":
        return remote.getList(spec.name);
      default: {
        const map = remote.get(spec.name);
        // Before the producer is applied the map is the placeholder (its keys are not the real ones): every key reads
        // the placeholder's value. Otherwise a key the producer does not publish is an error, never a silent default.
        const [placeholderKey] = Object.keys(spec.placeholder as Record<string, string>);
        return {
          lookup: (key: string) => Fn.conditional(Fn.contains(Fn.keys(map), placeholderKey), Fn.lookup(map, placeholderKey!), Fn.lookupNested(map, [key])) as string,
        } satisfies RemoteStringMap;
      }
    }
  };
  return Object.fromEntries(specs.map(([key, spec]) => [key, read(spec)])) as RemoteOutputs<C>;
}
