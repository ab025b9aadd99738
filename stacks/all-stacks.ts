/** Every stack of the organization, in deploy order. The root main.ts and the preview build this. */
import type { App } from "cdktf";
import type { OrgConfig } from "../config/model.ts";
import { OrgStack } from "../org/org-stack.ts";

export function buildAllStacks(app: App, config: OrgConfig): void {
  new OrgStack(app, { config });
}
