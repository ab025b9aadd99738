/** npm run schema: regenerate config/schema/*.json from config/schema.ts. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { JSON_SCHEMA_FILES, jsonSchemaText } from "../config/json-schema.ts";

const dir = join(import.meta.dirname, "..", "config", "schema");
mkdirSync(dir, { recursive: true });
for (const [file, schema] of Object.entries(JSON_SCHEMA_FILES)) {
  writeFileSync(join(dir, file), jsonSchemaText(schema));
  console.log(`wrote config/schema/${file}`);
}
