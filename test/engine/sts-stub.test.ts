import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  STS_NAMESPACE,
  accessKeyIdForAccount,
  accountFromAccessKeyId,
  baseAccessKeyId,
  clientFromAccessKeyId,
  parseSigV4Credential,
  proxyUrl,
  startStsStub,
  type StsStub,
  type StubCall,
} from "../../engine/targets/sts-stub.ts";

const MANAGEMENT = "999988887777";

function authHeader(accessKeyId: string, service = "sts"): string {
  return `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20250101/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc123`;
}

async function sts(stub: StsStub, body: Record<string, string>, accessKeyId?: string): Promise<{ status: number; text: string }> {
  const res = await fetch(stub.endpoint, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
      ...(accessKeyId ? { Authorization: authHeader(accessKeyId) } : {}),
    },
    body: new URLSearchParams({ Version: "2011-06-15", ...body }).toString(),
  });
  return { status: res.status, text: await res.text() };
}

function tag(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}

describe("STS stub", () => {
  let stub: StsStub;
  beforeAll(async () => {
    stub = await startStsStub({ managementAccountId: MANAGEMENT });
  });
  afterAll(async () => {
    await stub.close();
  });

  it("listens on loopback only", () => {
    expect(stub.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("answers GetCallerIdentity for the base key with the management account, in the STS namespace", async () => {
    const { status, text } = await sts(stub, { Action: "GetCallerIdentity" }, baseAccessKeyId());
    expect(status).toBe(200);
    expect(text).toContain(`<GetCallerIdentityResponse xmlns="${STS_NAMESPACE}">`);
    expect(tag(text, "Account")).toBe(MANAGEMENT);
    expect(tag(text, "Arn")).toBe(`arn:aws:iam::${MANAGEMENT}:user/offline-preview`);
    expect(tag(text, "RequestId")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("AssumeRole hands out keys encoding the role's account, and GetCallerIdentity answers that account", async () => {
    const assumed = await sts(stub, { Action: "AssumeRole", RoleArn: "arn:aws:iam::111111111111:role/path/Deploy", RoleSessionName: "tf" }, baseAccessKeyId("T1"));
    expect(assumed.status).toBe(200);
    expect(assumed.text).toContain(`<AssumeRoleResponse xmlns="${STS_NAMESPACE}">`);
    const key = tag(assumed.text, "AccessKeyId")!;
    expect(key).toBe(accessKeyIdForAccount("111111111111", "T1"));
    expect(tag(assumed.text, "Arn")).toBe("arn:aws:sts::111111111111:assumed-role/Deploy/tf");
    expect(tag(assumed.text, "SessionToken")).toBeTruthy();
    const expiration = tag(assumed.text, "Expiration")!;
    expect(expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(expiration)).toBeGreaterThan(Date.now());

    const who = await sts(stub, { Action: "GetCallerIdentity" }, key);
    expect(tag(who.text, "Account")).toBe("111111111111");
    expect(tag(who.text, "Arn")).toMatch(/^arn:aws:sts::111111111111:assumed-role\//);
    const calls = stub.calls.filter((c) => c.client === "T1");
    expect(calls.map((c) => [c.action, c.answered])).toEqual([
      ["AssumeRole", true],
      ["GetCallerIdentity", true],
    ]);
    expect(calls[0]!.roleArn).toBe("arn:aws:iam::111111111111:role/path/Deploy");
  });

  it("keeps the partition of the role ARN", async () => {
    const { text } = await sts(stub, { Action: "AssumeRole", RoleArn: "arn:aws-us-gov:iam::222222222222:role/R", RoleSessionName: "s" });
    expect(tag(text, "Arn")).toBe("arn:aws-us-gov:sts::222222222222:assumed-role/R/s");
  });

  it("refuses an AssumeRole whose RoleArn is not a role ARN with a Sender ValidationError", async () => {
    const { status, text } = await sts(stub, { Action: "AssumeRole", RoleArn: "arn:aws:iam::12345:user/x", RoleSessionName: "s" }, baseAccessKeyId("T2"));
    expect(status).toBe(400);
    expect(text).toContain(`<ErrorResponse xmlns="${STS_NAMESPACE}">`);
    expect(tag(text, "Code")).toBe("ValidationError");
    expect(stub.unexpectedCalls("T2")).toHaveLength(1);
  });

  it("answers an unknown STS action with an InvalidAction error and records it", async () => {
    const { status, text } = await sts(stub, { Action: "GetSessionToken" }, baseAccessKeyId("T3"));
    expect(status).toBe(400);
    expect(text).toContain(`<ErrorResponse xmlns="${STS_NAMESPACE}">`);
    expect(tag(text, "Type")).toBe("Sender");
    expect(tag(text, "Code")).toBe("InvalidAction");
    expect(tag(text, "Message")).toContain("GetSessionToken");
    expect(stub.unexpectedCalls("T3")).toEqual([{ client: "T3", service: "sts", action: "GetSessionToken", answered: false, accessKeyId: baseAccessKeyId("T3") }] satisfies StubCall[]);
  });

  it("refuses other services in their own protocol (JSON, query, REST-XML) and records service and action", async () => {
    const key = accessKeyIdForAccount("333333333333", "T4");
    const json = await fetch(stub.endpoint, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "AWSOrganizationsV20161128.DescribeAccount",
        Authorization: authHeader(key, "organizations"),
      },
      body: JSON.stringify({ AccountId: "210987654321" }),
    });
    expect(json.status).toBe(403);
    expect(json.headers.get("x-amzn-errortype")).toBe("AccessDeniedException");
    expect(((await json.json()) as { __type: string }).__type).toBe("AccessDeniedException");

    const query = await fetch(stub.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: authHeader(key, "ec2") },
      body: "Action=DescribeImages&Version=2016-11-15",
    });
    expect(query.status).toBe(403);
    expect(tag(await query.text(), "Code")).toBe("AccessDenied");

    const rest = await fetch(`${stub.endpoint}/state-bucket/dns/terraform.tfstate?x-id=GetObject`, {
      headers: { Authorization: authHeader(key, "s3") },
    });
    expect(rest.status).toBe(403);
    expect(await rest.text()).toMatch(/^<Error><Code>AccessDenied<\/Code>/);

    expect(stub.unexpectedCalls("T4").map((c) => `${c.service} ${c.action}`)).toEqual(["organizations DescribeAccount", "ec2 DescribeImages", "s3 GET /state-bucket/dns/terraform.tfstate"]);
  });

  it("records and refuses a CONNECT through the proxy URL, attributed to the client in its user name", async () => {
    const proxy = new URL(proxyUrl(stub.endpoint, "T5"));
    const statusCode = await new Promise<number>((resolve, reject) => {
      const req = request({
        host: proxy.hostname,
        port: Number(proxy.port),
        method: "CONNECT",
        path: "sts.amazonaws.com:443",
        headers: { "Proxy-Authorization": `Basic ${Buffer.from(`${proxy.username}:${proxy.password}`).toString("base64")}` },
      });
      req.on("connect", (res, socket) => {
        socket.destroy();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });
    expect(statusCode).toBe(403);
    expect(stub.unexpectedCalls("T5")).toEqual([{ client: "T5", service: "proxy", action: "CONNECT sts.amazonaws.com:443", answered: false }]);
  });

  it("tells listeners about calls as they happen", async () => {
    const seen: StubCall[] = [];
    const stop = stub.onCall((c) => seen.push(c));
    await sts(stub, { Action: "GetCallerIdentity" }, baseAccessKeyId("T6"));
    stop();
    await sts(stub, { Action: "GetCallerIdentity" }, baseAccessKeyId("T6"));
    expect(seen.map((c) => c.client)).toEqual(["T6"]);
  });
});

describe("fake key encoding", () => {
  it("round-trips account and client tag", () => {
    const key = accessKeyIdForAccount("123456789012", "S7");
    expect(accountFromAccessKeyId(key)).toBe("123456789012");
    expect(clientFromAccessKeyId(key)).toBe("S7");
    expect(clientFromAccessKeyId(baseAccessKeyId("S7"))).toBe("S7");
    expect(accountFromAccessKeyId(baseAccessKeyId("S7"))).toBeUndefined();
    expect(accountFromAccessKeyId("AKIAIOSFODNN7EXAMPLE")).toBeUndefined();
    expect(clientFromAccessKeyId("AKIAIOSFODNN7EXAMPLE")).toBeUndefined();
  });

  it("rejects tags that would break the encoding", () => {
    expect(() => baseAccessKeyId("s-1")).toThrow(/client tag/);
    expect(() => accessKeyIdForAccount("123456789012", "lower")).toThrow(/client tag/);
  });

  it("parses the SigV4 credential scope", () => {
    expect(parseSigV4Credential(authHeader("AKID1", "organizations"))).toEqual({
      accessKeyId: "AKID1",
      region: "us-east-1",
      service: "organizations",
    });
    expect(parseSigV4Credential("Bearer x")).toBeUndefined();
    expect(parseSigV4Credential(undefined)).toBeUndefined();
  });

  it("rejects a management account that is not 12 digits", async () => {
    await expect(startStsStub({ managementAccountId: "1234" })).rejects.toThrow(/12 digits/);
  });
});
