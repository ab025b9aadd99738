import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { describe, expect, it } from "vitest";
import { synthErrors } from "./helpers.ts";

describe("kms-rotation", () => {
  it("passes a rotating symmetric key, and an asymmetric signing key (which cannot rotate)", () => {
    expect(
      synthErrors((s) => {
        new KmsKey(s, "data", { description: "data", enableKeyRotation: true, lifecycle: { preventDestroy: true } });
        new KmsKey(s, "signing", { description: "signing", customerMasterKeySpec: "ECC_NIST_P256", keyUsage: "SIGN_VERIFY", lifecycle: { preventDestroy: true } });
      }),
    ).toEqual([]);
  });

  it("fails a symmetric key that does not rotate", () => {
    expect(synthErrors((s) => new KmsKey(s, "data", { description: "data", lifecycle: { preventDestroy: true } }))).toEqual([
      "[test/data] [kms-rotation] aws_kms_key.data: does not rotate its key material (set enableKeyRotation: true)",
    ]);
  });

  it("fails a symmetric key whose rotation is written but off, and passes an asymmetric encryption key (which cannot rotate)", () => {
    expect(
      synthErrors((s) => {
        new KmsKey(s, "data", { description: "data", enableKeyRotation: false, lifecycle: { preventDestroy: true } });
        new KmsKey(s, "rsa", { description: "rsa", customerMasterKeySpec: "RSA_2048", keyUsage: "ENCRYPT_DECRYPT", lifecycle: { preventDestroy: true } });
        new KmsKey(s, "mac", { description: "mac", customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC", lifecycle: { preventDestroy: true } });
      }),
    ).toEqual(["[test/data] [kms-rotation] aws_kms_key.data: does not rotate its key material (set enableKeyRotation: true)"]);
  });
});
