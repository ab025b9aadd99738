import { isTrue, type PolicyRule } from "../engine/rule.ts";

/** Symmetric KMS keys rotate their key material automatically. */
export const kmsRotation: PolicyRule = {
  id: "kms-rotation",
  description: "Symmetric encryption KMS keys have automatic key rotation enabled (asymmetric and HMAC keys cannot rotate and are not checked).",
  resourceTypes: ["aws_kms_key"],
  check(key) {
    // The spec alone decides: SYMMETRIC_DEFAULT is always ENCRYPT_DECRYPT (KMS refuses any other usage for it).
    if ((key.config.customer_master_key_spec ?? "SYMMETRIC_DEFAULT") !== "SYMMETRIC_DEFAULT") return undefined;
    if (isTrue(key.config.enable_key_rotation)) return undefined;
    return "does not rotate its key material (set enableKeyRotation: true)";
  },
};
