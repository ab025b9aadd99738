/**
 * cdktf's matchers are written for jest; these are the same matcher functions
 * registered with vitest's expect.
 */
import { asymetricDeepEqualIgnoringObjectCasing, getToHaveResourceWithProperties, getToHaveProviderWithProperties, returnMatcherToJest, type TerraformConstructor } from "cdktf/lib/testing/matchers";
import { expect } from "vitest";

function containsMatch(items: unknown[], props: Record<string, unknown>): boolean {
  if (Object.keys(props).length === 0) return items.length > 0;
  return items.some((item) => asymetricDeepEqualIgnoringObjectCasing(props, item));
}

expect.extend({
  toHaveResourceWithProperties(received: string, type: TerraformConstructor, props: Record<string, unknown> = {}) {
    return returnMatcherToJest(getToHaveResourceWithProperties(containsMatch)(received, type, props));
  },
  toHaveProviderWithProperties(received: string, type: TerraformConstructor, props: Record<string, unknown> = {}) {
    return returnMatcherToJest(getToHaveProviderWithProperties(containsMatch)(received, type, props));
  },
});

declare module "vitest" {
  interface Matchers<T = any> {
    toHaveResourceWithProperties(type: TerraformConstructor, props?: Record<string, unknown>): T;
    toHaveProviderWithProperties(type: TerraformConstructor, props?: Record<string, unknown>): T;
  }
}
