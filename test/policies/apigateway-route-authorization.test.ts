import { Apigatewayv2Route } from "@cdktf/provider-aws/lib/apigatewayv2-route";
import { describe, expect, it } from "vitest";
import { exemptFromRule } from "../../stacks/policies/index.ts";
import { httpApi } from "./apigateway.fixture.ts";
import { synthErrors } from "./helpers.ts";

const route = (authorizationType: string | undefined, exempt?: string) =>
  synthErrors((s) => {
    const api = httpApi(s);
    const r = new Apigatewayv2Route(s, "route", { apiId: api.id, routeKey: "GET /items/{id}", ...(authorizationType !== undefined && { authorizationType }) });
    if (exempt !== undefined) exemptFromRule(r, "apigateway-route-authorization", exempt);
  });

describe("apigateway-route-authorization", () => {
  it("passes a route that requires IAM or a JWT, and a public route exempt with its reason", () => {
    expect(route("AWS_IAM")).toEqual([]);
    expect(route("JWT")).toEqual([]);
    expect(route("NONE", "a health check that reads no data")).toEqual([]);
  });

  it("fails a route anyone can call, whether NONE is written or left to the default", () => {
    const line = (written: string) =>
      `[test/route] [apigateway-route-authorization] aws_apigatewayv2_route.route: route GET /items/{id} needs no authorization (authorization_type "${written}") (set authorizationType: "AWS_IAM", or "JWT"/"CUSTOM" with an authorizer; if it is public by design, exemptFromRule it with the reason)`;
    expect(route("NONE")).toEqual([line("NONE")]);
    expect(route(undefined)).toEqual([line("NONE")]);
  });
});
