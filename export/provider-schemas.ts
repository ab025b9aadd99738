/**
 * The block structure of every provider type, from `terraform providers
 * schema -json` (run by the caller in an initialized work dir): which names
 * of a block are nested blocks. That is all terraform-json-to-hcl.ts needs.
 */
import type { BlockSchema, SchemaLookup } from "./terraform-json-to-hcl.ts";

interface RawBlock {
  readonly block_types?: Readonly<Record<string, { readonly block: RawBlock }>>;
}

interface RawProviderSchema {
  readonly provider?: { readonly block: RawBlock };
  readonly resource_schemas?: Readonly<Record<string, { readonly block: RawBlock }>>;
  readonly data_source_schemas?: Readonly<Record<string, { readonly block: RawBlock }>>;
}

export interface ProvidersSchemaJson {
  readonly provider_schemas?: Readonly<Record<string, RawProviderSchema>>;
}

function blockSchema(raw: RawBlock): BlockSchema {
  return { blockTypes: Object.fromEntries(Object.entries(raw.block_types ?? {}).map(([name, nested]) => [name, blockSchema(nested.block)])) };
}

/** Lookups over the providers of `terraform providers schema -json`; a type names its provider by its prefix (aws_... -> aws). */
export function schemaLookup(json: ProvidersSchemaJson): SchemaLookup {
  const providers = Object.entries(json.provider_schemas ?? {}).map(([address, schema]) => ({ name: address.split("/").at(-1)!, schema }));
  const find = (kind: "resource_schemas" | "data_source_schemas", type: string): BlockSchema | undefined => {
    for (const { schema } of providers) {
      const raw = schema[kind]?.[type];
      if (raw !== undefined) return blockSchema(raw.block);
    }
    return undefined;
  };
  return {
    resource: (type) => find("resource_schemas", type),
    data: (type) => find("data_source_schemas", type),
    provider: (name) => {
      const raw = providers.find((p) => p.name === name)?.schema.provider;
      return raw === undefined ? undefined : blockSchema(raw.block);
    },
  };
}
