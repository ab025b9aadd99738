/** An HTTP API for the API Gateway rules' tests. */
import { Apigatewayv2Api } from "@cdktf/provider-aws/lib/apigatewayv2-api";
import type { Construct } from "constructs";

export function httpApi(scope: Construct): Apigatewayv2Api {
  return new Apigatewayv2Api(scope, "api", { name: "api", protocolType: "HTTP", disableExecuteApiEndpoint: true });
}
