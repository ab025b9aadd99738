import { Apigatewayv2DomainName } from "@cdktf/provider-aws/lib/apigatewayv2-domain-name";
import { describe, expect, it } from "vitest";
import { synthErrors } from "./helpers.ts";

const domain = (securityPolicy: string) =>
  synthErrors(
    (s) =>
      new Apigatewayv2DomainName(s, "domain", {
        domainName: "api.dev.example.com",
        domainNameConfiguration: { certificateArn: "arn:aws:acm:eu-west-1:111111111111:certificate/x", endpointType: "REGIONAL", securityPolicy },
      }),
  );

describe("apigateway-tls", () => {
  it("passes a domain that accepts TLS 1.2 or newer", () => {
    expect(domain("TLS_1_2")).toEqual([]);
  });

  it("fails a domain that accepts TLS 1.0", () => {
    expect(domain("TLS_1_0")).toEqual([
      '[test/domain] [apigateway-tls] aws_apigatewayv2_domain_name.domain: accepts TLS older than 1.2 (security_policy "TLS_1_0") (set domainNameConfiguration.securityPolicy: "TLS_1_2")',
    ]);
  });
});
