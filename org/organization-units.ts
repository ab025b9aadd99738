/** The OU tree: parents are created before children (config is sorted that way). */
import { OrganizationsOrganizationalUnit } from "@cdktf/provider-aws/lib/organizations-organizational-unit";
import type { Construct } from "constructs";
import type { OrganizationalUnitConfig } from "../config/model.ts";
import { constructId } from "../naming/names.ts";

/** OU id by name, for placing accounts. */
export type OuIds = ReadonlyMap<string, string>;

export function createOrganizationalUnits(scope: Construct, units: readonly OrganizationalUnitConfig[], rootId: string): OuIds {
  const ids = new Map<string, string>();
  for (const unit of units) {
    const ou = new OrganizationsOrganizationalUnit(scope, constructId("ou", unit.name), {
      name: unit.name,
      parentId: unit.parent === undefined ? rootId : ids.get(unit.parent)!,
      // An OU holding accounts cannot be deleted anyway; failing at plan time says why.
      lifecycle: { preventDestroy: true },
    });
    ids.set(unit.name, ou.id);
  }
  return ids;
}
