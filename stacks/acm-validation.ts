/**
 * ACM DNS validation that plans for a new certificate (measured offline,
 * ARCHITECTURE.md): key each validation record by a domain name from config
 * (known at plan time) and pick its name, type and value out of the
 * certificate's domain_validation_options with a `for` expression. A
 * for_each over the certificate's own attribute cannot be planned.
 * Used by the corp website and the app stacks' API domains.
 */
import type { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";

export type ValidationField = "resource_record_name" | "resource_record_type" | "resource_record_value";

/** A `for` expression over the certificate's validation options, keyed by domain name, picking one field. */
export function validationField(certificate: AcmCertificate, domain: string, field: ValidationField): string {
  return `\${{ for o in ${certificate.fqn}.domain_validation_options : o.domain_name => o.${field} }["${domain}"]}`;
}
