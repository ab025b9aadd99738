/** Every policy rule, in the order the README lists them. A rule file that is not here is not applied. */
import { cloudfrontHttpsOnly } from "../rules/cloudfront-https-only.ts";
import { cloudfrontOriginAccessControl } from "../rules/cloudfront-origin-access-control.ts";
import { cloudfrontTls } from "../rules/cloudfront-tls.ts";
import { codebuildLogs } from "../rules/codebuild-logs.ts";
import { codebuildNotPrivileged } from "../rules/codebuild-not-privileged.ts";
import { dynamodbPitr } from "../rules/dynamodb-pitr.ts";
import { ec2EncryptedVolumes } from "../rules/ec2-encrypted-volumes.ts";
import { ec2Imdsv2 } from "../rules/ec2-imdsv2.ts";
import { iamNoAdminWildcard } from "../rules/iam-no-admin-wildcard.ts";
import { iamNoUsers } from "../rules/iam-no-users.ts";
import { iamOidcTrust } from "../rules/iam-oidc-trust.ts";
import { iamTrustNoAccountRoot } from "../rules/iam-trust-no-account-root.ts";
import { iamTrustNoWildcard } from "../rules/iam-trust-no-wildcard.ts";
import { kmsRotation } from "../rules/kms-rotation.ts";
import { pipelineArtifactsCmk } from "../rules/pipeline-artifacts-cmk.ts";
import { preventDestroy } from "../rules/prevent-destroy.ts";
import { rdsFinalSnapshot } from "../rules/rds-final-snapshot.ts";
import { s3Encrypted } from "../rules/s3-encrypted.ts";
import { s3PublicAccessBlocked } from "../rules/s3-public-access-blocked.ts";
import { s3TlsOnly } from "../rules/s3-tls-only.ts";
import { s3Versioned } from "../rules/s3-versioned.ts";
import { sgNoPublicIngress } from "../rules/sg-no-public-ingress.ts";
import { apigatewayAccessLogging } from "../rules/apigateway-access-logging.ts";
import { apigatewayRouteAuthorization } from "../rules/apigateway-route-authorization.ts";
import { apigatewayTls } from "../rules/apigateway-tls.ts";
import { lambdaNoPublicPermission } from "../rules/lambda-no-public-permission.ts";
import { lambdaNoSecretEnv } from "../rules/lambda-no-secret-env.ts";
import { lambdaUrlAuth } from "../rules/lambda-url-auth.ts";
import { logGroupRetention } from "../rules/log-group-retention.ts";
import { snsEncrypted } from "../rules/sns-encrypted.ts";
import { snsTlsOnly } from "../rules/sns-tls-only.ts";
import type { PolicyRule } from "./rule.ts";

export const ALL_RULES: readonly PolicyRule[] = [
  s3Encrypted,
  s3Versioned,
  s3PublicAccessBlocked,
  s3TlsOnly,
  dynamodbPitr,
  rdsFinalSnapshot,
  cloudfrontHttpsOnly,
  cloudfrontTls,
  cloudfrontOriginAccessControl,
  iamNoAdminWildcard,
  iamNoUsers,
  iamTrustNoWildcard,
  iamTrustNoAccountRoot,
  iamOidcTrust,
  ec2Imdsv2,
  ec2EncryptedVolumes,
  sgNoPublicIngress,
  kmsRotation,
  codebuildNotPrivileged,
  codebuildLogs,
  pipelineArtifactsCmk,
  preventDestroy,
  lambdaNoPublicPermission,
  lambdaUrlAuth,
  lambdaNoSecretEnv,
  apigatewayAccessLogging,
  apigatewayTls,
  apigatewayRouteAuthorization,
  snsEncrypted,
  snsTlsOnly,
  logGroupRetention,
];

export function ruleById(id: string): PolicyRule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
