/**
 * A loopback stand-in for AWS STS, so the real AWS provider can configure
 * itself (assume_role, allowed_account_ids) without credentials or network.
 *
 * Why: the provider calls sts:AssumeRole for `assume_role` and then
 * sts:GetCallerIdentity to learn the account it is in, and rejects the plan
 * when that account is not in `allowed_account_ids`. The stub hands out fake
 * credentials whose access key id encodes the account of the assumed role and
 * answers GetCallerIdentity with the account encoded in the caller's key, so
 * the production provider block plans unchanged.
 *
 * Everything else that reaches it (another AWS service through
 * AWS_ENDPOINT_URL, or any host through HTTP(S)_PROXY) gets a
 * non-retryable AccessDenied in the shape that service's protocol expects and
 * is recorded in `calls`, so a caller can say "tried to call X" instead of
 * letting anything leave the machine.
 *
 * Protocol (as aws-sdk-go-v2 in the provider speaks it): POST /, form body
 * `Action=...&Version=2011-06-15`, SigV4 `Authorization` header, XML answers in
 * the https://sts.amazonaws.com/doc/2011-06-15/ namespace.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { randomUUID } from "node:crypto";

/** The namespace of every STS query-API answer (success and error). */
export const STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

/** Fake secret paired with every fake access key id (the stub does not check signatures). */
export const BASE_SECRET_ACCESS_KEY = "offline-preview-fake-secret-access-key-0000";

const DEFAULT_MANAGEMENT_ACCOUNT_ID = "123456789012";
const BASE_KEY_PREFIX = "AKIAOFFLINE";
const ASSUMED_KEY_PREFIX = "ASIASTUB";
const CLIENT_TAG = /^[A-Z0-9]{0,16}$/;

export interface StsStubOptions {
  /** Account answered for the base fake key (and any key that encodes no account). */
  managementAccountId?: string;
  /** Port to listen on; 0 (default) picks a free one. Always bound to 127.0.0.1. */
  port?: number;
}

/** One request that reached the stub. */
export interface StubCall {
  /**
   * Which client made it: the tag in its fake access key id (kept through
   * AssumeRole) or in the proxy URL's user name. Lets one shared stub
   * attribute calls to the stack that made them.
   */
  client?: string;
  /** Service from the SigV4 credential scope (`sts`, `s3`, ...), or `proxy` for a request sent through HTTP(S)_PROXY. */
  service: string;
  /** API action (`AssumeRole`, `GetObject`-like `GET /bucket/key`, `CONNECT host:443`, ...). */
  action: string;
  /** Access key id from the Authorization header, when there was one. */
  accessKeyId?: string;
  /** True when the stub answered it as AWS would; false when it was refused. */
  answered: boolean;
  /** For AssumeRole: the role ARN asked for. */
  roleArn?: string;
}

export interface StsStub {
  /** `http://127.0.0.1:<port>`: the value for AWS_ENDPOINT_URL_STS (and a proxy URL). */
  endpoint: string;
  /** Every request so far, in arrival order. */
  calls: StubCall[];
  /** Calls that were not answered STS GetCallerIdentity/AssumeRole (what an offline plan could not do), optionally of one client. */
  unexpectedCalls(client?: string): StubCall[];
  /** Calls `listener` for every call from now on; returns a function that stops it. */
  onCall(listener: (call: StubCall) => void): () => void;
  close(): Promise<void>;
}

function checkTag(tag: string): string {
  if (!CLIENT_TAG.test(tag)) throw new Error(`client tag must be 0-16 of [A-Z0-9], got "${tag}"`);
  return tag;
}

/** Fake static access key id for a client (a stack run); `tag` is 0-16 of [A-Z0-9]. */
export function baseAccessKeyId(tag = ""): string {
  return `${BASE_KEY_PREFIX}${checkTag(tag)}`;
}

/** The fake static access key id of an untagged client (answered as the management account). */
export const BASE_ACCESS_KEY_ID = baseAccessKeyId();

/** Access key id the stub hands out after AssumeRole into `accountId`, keeping the caller's tag. */
export function accessKeyIdForAccount(accountId: string, tag = ""): string {
  return `${ASSUMED_KEY_PREFIX}${accountId}${checkTag(tag)}`;
}

/** The account encoded in a key handed out by the stub, or undefined for any other key. */
export function accountFromAccessKeyId(accessKeyId: string): string | undefined {
  return new RegExp(`^${ASSUMED_KEY_PREFIX}(\\d{12})[A-Z0-9]*$`).exec(accessKeyId)?.[1];
}

/** The client tag in a fake key (base or assumed), or undefined for a key the stub did not make. */
export function clientFromAccessKeyId(accessKeyId: string | undefined): string | undefined {
  if (!accessKeyId) return undefined;
  const base = new RegExp(`^${BASE_KEY_PREFIX}([A-Z0-9]*)$`).exec(accessKeyId);
  if (base) return base[1] || undefined;
  const assumed = new RegExp(`^${ASSUMED_KEY_PREFIX}\\d{12}([A-Z0-9]*)$`).exec(accessKeyId);
  return assumed?.[1] || undefined;
}

/** The proxy URL that attributes off-machine attempts to `tag` (HTTP(S)_PROXY for that client). */
export function proxyUrl(endpoint: string, tag = ""): string {
  const u = new URL(endpoint);
  if (tag) {
    u.username = checkTag(tag);
    u.password = "x";
  }
  return u.toString().replace(/\/$/, "");
}

/** Parses `Credential=AKID/date/region/service/aws4_request` out of a SigV4 Authorization header. */
export function parseSigV4Credential(authorization: string | undefined): { accessKeyId: string; region: string; service: string } | undefined {
  if (!authorization) return undefined;
  const m = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization);
  if (!m) return undefined;
  return { accessKeyId: m[1]!, region: m[3]!, service: m[4]! };
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function stsError(code: string, message: string, type: "Sender" | "Receiver" = "Sender"): string {
  return (
    `<ErrorResponse xmlns="${STS_NAMESPACE}">` +
    `<Error><Type>${type}</Type><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message></Error>` +
    `<RequestId>${randomUUID()}</RequestId></ErrorResponse>`
  );
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    "Content-Type": contentType,
    "Content-Length": Buffer.byteLength(body),
    "x-amzn-RequestId": randomUUID(),
    ...headers,
  });
  res.end(body);
}

const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

/** Starts the stub on 127.0.0.1. Close it when done. */
export async function startStsStub(opts: StsStubOptions = {}): Promise<StsStub> {
  const managementAccountId = opts.managementAccountId ?? DEFAULT_MANAGEMENT_ACCOUNT_ID;
  if (!/^\d{12}$/.test(managementAccountId)) {
    throw new Error(`managementAccountId must be 12 digits, got "${managementAccountId}"`);
  }
  const calls: StubCall[] = [];
  const listeners = new Set<(call: StubCall) => void>();
  const record = (call: Omit<StubCall, "client">, client: string | undefined): void => {
    const full: StubCall = client ? { client, ...call } : { ...call };
    calls.push(full);
    for (const l of listeners) l(full);
  };
  const withKey = (accessKeyId: string | undefined) => (accessKeyId ? { accessKeyId } : {});

  const handleSts = (res: ServerResponse, form: URLSearchParams, accessKeyId: string | undefined): void => {
    const action = form.get("Action") ?? "(no Action)";
    const client = clientFromAccessKeyId(accessKeyId);
    const xml = "text/xml";
    if (action === "GetCallerIdentity") {
      const assumed = accessKeyId ? accountFromAccessKeyId(accessKeyId) : undefined;
      const account = assumed ?? managementAccountId;
      const arn = assumed ? `arn:aws:sts::${account}:assumed-role/OfflinePreview/offline-preview` : `arn:aws:iam::${account}:user/offline-preview`;
      record({ service: "sts", action, answered: true, ...withKey(accessKeyId) }, client);
      send(
        res,
        200,
        xml,
        `<GetCallerIdentityResponse xmlns="${STS_NAMESPACE}"><GetCallerIdentityResult>` +
          `<Arn>${xmlEscape(arn)}</Arn><UserId>${xmlEscape(accessKeyId ?? baseAccessKeyId())}</UserId><Account>${account}</Account>` +
          `</GetCallerIdentityResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      );
      return;
    }
    if (action === "AssumeRole") {
      const roleArn = form.get("RoleArn") ?? "";
      const session = form.get("RoleSessionName") ?? "offline-preview";
      const m = ROLE_ARN.exec(roleArn);
      if (!m) {
        record({ service: "sts", action, answered: false, roleArn, ...withKey(accessKeyId) }, client);
        send(res, 400, xml, stsError("ValidationError", `RoleArn "${roleArn}" is not an IAM role ARN`));
        return;
      }
      const [, partition, account, roleName] = m;
      record({ service: "sts", action, answered: true, roleArn, ...withKey(accessKeyId) }, client);
      const expiration = isoSeconds(new Date(Date.now() + 3600_000));
      send(
        res,
        200,
        xml,
        `<AssumeRoleResponse xmlns="${STS_NAMESPACE}"><AssumeRoleResult>` +
          `<AssumedRoleUser><Arn>${xmlEscape(`arn:${partition}:sts::${account}:assumed-role/${roleName}/${session}`)}</Arn>` +
          `<AssumedRoleId>AROASTUB${account}:${xmlEscape(session)}</AssumedRoleId></AssumedRoleUser>` +
          `<Credentials><AccessKeyId>${accessKeyIdForAccount(account!, client ?? "")}</AccessKeyId>` +
          `<SecretAccessKey>offline-preview-fake-secret-${account}</SecretAccessKey>` +
          `<SessionToken>offline-preview-fake-session-token-${account}</SessionToken>` +
          `<Expiration>${expiration}</Expiration></Credentials>` +
          `</AssumeRoleResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></AssumeRoleResponse>`,
      );
      return;
    }
    record({ service: "sts", action, answered: false, ...withKey(accessKeyId) }, client);
    send(res, 400, xml, stsError("InvalidAction", `The offline STS stub does not implement ${action}`));
  };

  /** Any other service: refuse in that service's protocol (non-retryable AccessDenied), and record. */
  const refuseOther = (req: IncomingMessage, res: ServerResponse, service: string, body: string, accessKeyId: string | undefined): void => {
    const contentType = String(req.headers["content-type"] ?? "");
    const target = req.headers["x-amz-target"];
    const form = contentType.includes("x-www-form-urlencoded") ? new URLSearchParams(body) : undefined;
    let action: string;
    if (typeof target === "string") action = target.split(".").pop() ?? target;
    else if (form?.get("Action")) action = form.get("Action")!;
    else action = `${req.method ?? "GET"} ${(req.url ?? "/").split("?")[0]}`;
    record({ service, action, answered: false, ...withKey(accessKeyId) }, clientFromAccessKeyId(accessKeyId));
    const message = `offline preview: ${service} ${action} is not available without AWS`;
    if (typeof target === "string" || contentType.includes("json")) {
      send(res, 403, contentType.includes("json") ? contentType : "application/x-amz-json-1.1", JSON.stringify({ __type: "AccessDeniedException", message }), {
        "X-Amzn-ErrorType": "AccessDeniedException",
      });
    } else if (form) {
      send(
        res,
        403,
        "text/xml",
        `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
      );
    } else {
      send(res, 403, "application/xml", `<Error><Code>AccessDenied</Code><Message>${xmlEscape(message)}</Message><RequestId>${randomUUID()}</RequestId></Error>`);
    }
  };

  /** The client tag from a Proxy-Authorization: Basic header (the proxy URL's user name). */
  const proxyClient = (req: IncomingMessage): string | undefined => {
    const m = /^Basic\s+(\S+)/i.exec(String(req.headers["proxy-authorization"] ?? ""));
    if (!m) return undefined;
    const user = Buffer.from(m[1]!, "base64").toString("utf8").split(":")[0] ?? "";
    return CLIENT_TAG.test(user) && user ? user : undefined;
  };

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const url = req.url ?? "/";
      if (/^https?:\/\//i.test(url)) {
        // A plain-HTTP request sent to us as a proxy: it was headed off-machine.
        record({ service: "proxy", action: `${req.method} ${url.split("?")[0]}`, answered: false }, proxyClient(req));
        send(res, 403, "text/plain", "offline preview: no network\n");
        return;
      }
      const cred = parseSigV4Credential(req.headers.authorization);
      const form = String(req.headers["content-type"] ?? "").includes("x-www-form-urlencoded") ? new URLSearchParams(body) : undefined;
      const service = cred?.service ?? (form?.get("Version") === "2011-06-15" ? "sts" : "unknown");
      if (service === "sts") handleSts(res, form ?? new URLSearchParams(), cred?.accessKeyId);
      else refuseOther(req, res, service, body, cred?.accessKeyId);
    })().catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, "text/xml", stsError("InternalFailure", String(err), "Receiver"));
    });
  });
  // HTTPS through HTTP(S)_PROXY arrives as CONNECT host:443: record and refuse.
  server.on("connect", (req: IncomingMessage, socket: Duplex) => {
    // The socket is ours now: a client that hangs up (a killed terraform) must not crash the caller.
    socket.on("error", () => undefined);
    record({ service: "proxy", action: `CONNECT ${req.url ?? ""}`, answered: false }, proxyClient(req));
    socket.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    unexpectedCalls: (client?: string) => calls.filter((c) => !(c.service === "sts" && c.answered) && (client === undefined || c.client === client)),
    onCall: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
