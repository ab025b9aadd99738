/**
 * JSON Schemas for editors (yaml-language-server reads the `$schema` comment
 * at the top of each YAML file), generated from the zod schemas so the two
 * can never disagree. A test fails when the committed files are stale.
 */
import { z } from "zod";
import { accessFileSchema } from "./access-schema.ts";
import { appFileSchema } from "./app-schema.ts";
import { corpFileSchema } from "./corp-schema.ts";
import { toolsFileSchema } from "./tools-schema.ts";
import { accountFileSchema, guardrailExpectationsFileSchema, organizationFileSchema } from "./schema.ts";

export const JSON_SCHEMA_FILES = {
  "organization.schema.json": organizationFileSchema,
  "account.schema.json": accountFileSchema,
  "guardrail-expectations.schema.json": guardrailExpectationsFileSchema,
  "corp.schema.json": corpFileSchema,
  "tools.schema.json": toolsFileSchema,
  "app.schema.json": appFileSchema,
  "access.schema.json": accessFileSchema,
} as const;

export function jsonSchemaText(schema: z.ZodType): string {
  // "input": what a user writes, so fields with defaults are optional.
  return `${JSON.stringify(z.toJSONSchema(schema, { io: "input" }), null, 2)}\n`;
}
