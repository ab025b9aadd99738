import { block, type PolicyRule } from "../engine/rule.ts";

/** A custom domain accepts TLS 1.2 or newer only. */
export const apigatewayTls: PolicyRule = {
  id: "apigateway-tls",
  description: 'API Gateway v2 custom domains use the security policy "TLS_1_2".',
  resourceTypes: ["aws_apigatewayv2_domain_name"],
  check(domain) {
    const policy = block(domain.config.domain_name_configuration).security_policy;
    if (policy === "TLS_1_2") return undefined;
    return `accepts TLS older than 1.2 (security_policy ${JSON.stringify(policy ?? "(none)")}) (set domainNameConfiguration.securityPolicy: "TLS_1_2")`;
  },
};
