/**
 * The HTTP API (API Gateway v2) in front of the function, served only at
 * its custom domain api.<environment zone> (the default execute-api
 * endpoint is off): an ACM certificate validated by DNS in the environment's
 * zone, TLS 1.2, access logs with the configured retention, IAM
 * authorization on every route that touches data.
 *
 * ACM validation as the corp website does it (stacks/acm-validation.ts), so
 * a new certificate plans.
 */
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Apigatewayv2Api } from "@cdktf/provider-aws/lib/apigatewayv2-api";
import { Apigatewayv2ApiMapping } from "@cdktf/provider-aws/lib/apigatewayv2-api-mapping";
import { Apigatewayv2DomainName } from "@cdktf/provider-aws/lib/apigatewayv2-domain-name";
import { Apigatewayv2Integration } from "@cdktf/provider-aws/lib/apigatewayv2-integration";
import { Apigatewayv2Route } from "@cdktf/provider-aws/lib/apigatewayv2-route";
import { Apigatewayv2Stage } from "@cdktf/provider-aws/lib/apigatewayv2-stage";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import type { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Construct } from "constructs";
import type { AppEnvironment } from "../config/app-model.ts";
import { validationField } from "../stacks/acm-validation.ts";
import { exemptFromRule } from "../stacks/policies/index.ts";

/** The routes, and whether a caller must sign the request with SigV4 (IAM). */
export const ROUTES: readonly { readonly key: string; readonly id: string; readonly public?: string }[] = [
  { key: "GET /health", id: "health", public: "the health check answers only {status, environment} and reads no data; monitors call it without AWS credentials" },
  { key: "GET /items/{id}", id: "get-item" },
  { key: "PUT /items/{id}", id: "put-item" },
];

/** What the access log records of each request (API Gateway's $context variables). */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: "$context.requestId",
  ip: "$context.identity.sourceIp",
  caller: "$context.identity.caller",
  requestTime: "$context.requestTime",
  routeKey: "$context.routeKey",
  status: "$context.status",
  responseLength: "$context.responseLength",
  integrationError: "$context.integrationErrorMessage",
});

export interface HttpApiProps {
  readonly app: AppEnvironment;
  readonly name: string;
  readonly function: LambdaFunction;
  /** The environment's delegated zone, in this account (from the dns stack's state). */
  readonly zoneId: string;
}

export class HttpApi extends Construct {
  readonly api: Apigatewayv2Api;
  readonly stage: Apigatewayv2Stage;
  readonly domain: Apigatewayv2DomainName;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const { app } = props;
    this.api = new Apigatewayv2Api(this, "api", {
      name: props.name,
      description: `The ${app.environment} API, at https://${app.apiDomain}`,
      protocolType: "HTTP",
      // Only the custom domain serves it, with its certificate and TLS policy.
      disableExecuteApiEndpoint: true,
    });
    const integration = new Apigatewayv2Integration(this, "integration", {
      apiId: this.api.id,
      integrationType: "AWS_PROXY",
      integrationUri: props.function.arn,
      payloadFormatVersion: "2.0",
    });
    for (const route of ROUTES) {
      const r = new Apigatewayv2Route(this, `route-${route.id}`, {
        apiId: this.api.id,
        routeKey: route.key,
        target: `integrations/${integration.id}`,
        authorizationType: route.public === undefined ? "AWS_IAM" : "NONE",
      });
      if (route.public !== undefined) exemptFromRule(r, "apigateway-route-authorization", route.public);
    }
    new LambdaPermission(this, "invoke", {
      statementId: "ApiGatewayInvoke",
      action: "lambda:InvokeFunction",
      functionName: props.function.functionName,
      principal: "apigateway.amazonaws.com",
      sourceArn: `${this.api.executionArn}/*/*`,
    });

    const accessLogs = new CloudwatchLogGroup(this, "access-logs", { name: `/aws/apigateway/${props.name}`, retentionInDays: app.logRetentionDays });
    this.stage = new Apigatewayv2Stage(this, "stage", {
      apiId: this.api.id,
      name: "$default",
      autoDeploy: true,
      accessLogSettings: { destinationArn: accessLogs.arn, format: ACCESS_LOG_FORMAT },
      defaultRouteSettings: { throttlingBurstLimit: 100, throttlingRateLimit: 50 },
    });

    const certificate = new AcmCertificate(this, "certificate", {
      domainName: app.apiDomain,
      validationMethod: "DNS",
      lifecycle: { createBeforeDestroy: true },
    });
    const validationRecord = new Route53Record(this, "certificate-validation-record", {
      zoneId: props.zoneId,
      name: validationField(certificate, app.apiDomain, "resource_record_name"),
      type: validationField(certificate, app.apiDomain, "resource_record_type"),
      records: [validationField(certificate, app.apiDomain, "resource_record_value")],
      ttl: 300,
      allowOverwrite: true,
    });
    const validation = new AcmCertificateValidation(this, "certificate-validation", {
      certificateArn: certificate.arn,
      validationRecordFqdns: [validationRecord.fqdn],
    });
    this.domain = new Apigatewayv2DomainName(this, "domain", {
      domainName: app.apiDomain,
      domainNameConfiguration: { certificateArn: validation.certificateArn, endpointType: "REGIONAL", securityPolicy: "TLS_1_2" },
    });
    new Apigatewayv2ApiMapping(this, "mapping", { apiId: this.api.id, domainName: this.domain.id, stage: this.stage.id });
    new Route53Record(this, "address", {
      zoneId: props.zoneId,
      name: app.apiDomain,
      type: "A",
      alias: {
        name: this.domain.domainNameConfiguration.targetDomainName,
        zoneId: this.domain.domainNameConfiguration.hostedZoneId,
        evaluateTargetHealth: false,
      },
    });
  }
}
