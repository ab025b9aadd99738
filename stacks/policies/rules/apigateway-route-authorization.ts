import { type PolicyRule } from "../engine/rule.ts";

const AUTHORIZED = ["AWS_IAM", "JWT", "CUSTOM"];

/** A route is called only by authorized callers, unless it is public by design and says why (an exemption). */
export const apigatewayRouteAuthorization: PolicyRule = {
  id: "apigateway-route-authorization",
  description: 'API Gateway v2 routes require authorization (authorization_type "AWS_IAM", "JWT" or "CUSTOM"); a route public by design has an exemption naming its reason.',
  resourceTypes: ["aws_apigatewayv2_route"],
  check(route) {
    const type = route.config.authorization_type;
    if (typeof type === "string" && AUTHORIZED.includes(type)) return undefined;
    const key = typeof route.config.route_key === "string" ? `${route.config.route_key} ` : "";
    return `route ${key}needs no authorization (authorization_type ${JSON.stringify(type ?? "NONE")}) (set authorizationType: "AWS_IAM", or "JWT"/"CUSTOM" with an authorizer; if it is public by design, exemptFromRule it with the reason)`;
  },
};
