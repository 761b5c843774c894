import { createHash } from "node:crypto";
import { SpcsError } from "../common/errors";

/** Manifest media types we accept, newest first: OCI index and manifest, then Docker's v2 equivalents. */
const MANIFEST_ACCEPT = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.docker.distribution.manifest.v2+json",
].join(", ");

const REQUEST_TIMEOUT_MS = 15_000;
/** A whole layer through this process (only when a registry refuses a mount) may take minutes. */
const BLOB_TIMEOUT_MS = 600_000;
const PAGE_SIZE = 1000;

export interface RawManifest {
  digest: string;
  mediaType: string;
  bytes: Buffer;
}

export interface ManifestRef {
  digest: string;
  mediaType: string;
}

/**
 * A client for the OCI Distribution API (the CNCF distribution registry speaks it). Plain HTTP on
 * loopback: the local registry has no TLS and no auth, like a registry behind `docker login` would after
 * the token exchange.
 */
export class RegistryClient {
  private readonly base: string;

  constructor(readonly address: string) {
    this.base = `http://${address}/v2`;
  }

  /** `GET /v2/` answers 200 when the registry is up. Returns the API version header, or undefined. */
  async ping(): Promise<string | undefined> {
    try {
      const res = await this.request("GET", "/");
      return res.ok ? (res.headers.get("docker-distribution-api-version") ?? "registry/2.0") : undefined;
    } catch {
      return undefined;
    }
  }

  /** Every repository path the registry holds, following `Link` pagination. */
  async listRepositories(): Promise<string[]> {
    const out: string[] = [];
    let next: string | undefined = `/_catalog?n=${PAGE_SIZE}`;
    while (next) {
      const res = await this.request("GET", next);
      await this.expectOk(res, "list repositories");
      out.push(...(((await res.json()) as { repositories?: string[] }).repositories ?? []));
      next = nextPage(res.headers.get("link"));
    }
    return out;
  }

  /** Tags of one repository; empty when the repository is unknown or has no tags left. */
  async listTags(repository: string): Promise<string[]> {
    const out: string[] = [];
    let next: string | undefined = `/${repository}/tags/list?n=${PAGE_SIZE}`;
    while (next) {
      const res = await this.request("GET", next);
      if (res.status === 404) return out;
      await this.expectOk(res, `list tags of ${repository}`);
      out.push(...(((await res.json()) as { tags?: string[] | null }).tags ?? []));
      next = nextPage(res.headers.get("link"));
    }
    return out;
  }

  /** The manifest digest a tag (or digest) resolves to, or undefined when there is none. */
  async resolve(repository: string, reference: string): Promise<ManifestRef | undefined> {
    const res = await this.request("HEAD", `/${repository}/manifests/${reference}`, { accept: MANIFEST_ACCEPT });
    if (res.status === 404) return undefined;
    await this.expectOk(res, `resolve ${repository}:${reference}`);
    const digest = res.headers.get("docker-content-digest");
    if (!digest) throw new SpcsError("registry-protocol", `registry ${this.address} sent no Docker-Content-Digest for ${repository}:${reference}`);
    return { digest, mediaType: res.headers.get("content-type") ?? "" };
  }

  /** The manifest document itself. */
  async getManifest(repository: string, reference: string): Promise<{ digest: string; mediaType: string; body: any } | undefined> {
    const res = await this.request("GET", `/${repository}/manifests/${reference}`, { accept: MANIFEST_ACCEPT });
    if (res.status === 404) return undefined;
    await this.expectOk(res, `get manifest ${repository}:${reference}`);
    return { digest: res.headers.get("docker-content-digest") ?? "", mediaType: res.headers.get("content-type") ?? "", body: await res.json() };
  }

  /** A JSON blob, such as an image config. */
  async getJsonBlob(repository: string, digest: string): Promise<any | undefined> {
    const res = await this.request("GET", `/${repository}/blobs/${digest}`);
    if (res.status === 404) return undefined;
    await this.expectOk(res, `get blob ${repository}@${digest}`);
    return res.json();
  }

  /** Deletes a manifest by digest (which removes every tag pointing at it). Not found counts as done. */
  async deleteManifest(repository: string, digest: string): Promise<void> {
    const res = await this.request("DELETE", `/${repository}/manifests/${digest}`);
    if (res.status === 404 || res.status === 202 || res.ok) return;
    if (res.status === 405) {
      throw new SpcsError(
        "registry-delete-disabled",
        `registry ${this.address} refused to delete ${repository}@${digest} (405): deletes are disabled`,
        "start the registry with storage.delete.enabled: true (`spcs platform up` does this for the registry it starts)",
      );
    }
    await this.expectOk(res, `delete ${repository}@${digest}`);
  }

  /**
   * The manifest exactly as stored: its bytes are what its digest hashes, so copying these bytes (never a
   * re-serialised JSON) keeps the digest the same in the target repository.
   */
  async getRawManifest(repository: string, reference: string): Promise<RawManifest | undefined> {
    const res = await this.request("GET", `/${repository}/manifests/${reference}`, { accept: MANIFEST_ACCEPT });
    if (res.status === 404) return undefined;
    await this.expectOk(res, `get manifest ${repository}:${reference}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    return { digest: res.headers.get("docker-content-digest") ?? "", mediaType: res.headers.get("content-type") ?? "", bytes };
  }

  /** Stores a manifest under a tag (or its digest); returns the digest the registry computed. */
  async putManifest(repository: string, reference: string, manifest: Pick<RawManifest, "mediaType" | "bytes">): Promise<string> {
    const res = await this.request("PUT", `/${repository}/manifests/${reference}`, { contentType: manifest.mediaType, body: manifest.bytes });
    await this.expectOk(res, `put manifest ${repository}:${reference}`);
    return res.headers.get("docker-content-digest") ?? "";
  }

  /**
   * Makes a blob of repository `from` part of `repository` without sending its bytes: the distribution
   * API's cross-repository mount (`POST /v2/<name>/blobs/uploads/?mount=<digest>&from=<repo>`, answered
   * 201). A registry that cannot mount answers 202 with an upload session instead; then, and only then,
   * the blob is read from the source repository and uploaded into that session, in memory (a fallback,
   * never the platform's own registry). Returns how the blob got there.
   */
  async mountBlob(repository: string, digest: string, from: string): Promise<"mounted" | "uploaded"> {
    const res = await this.request("POST", `/${repository}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`);
    if (res.status === 201) return "mounted";
    if (res.status !== 202) await this.expectOk(res, `mount blob ${digest} from ${from} into ${repository}`);
    const location = res.headers.get("location");
    if (!location) throw new SpcsError("registry-protocol", `registry ${this.address} opened an upload for ${repository} without a Location`);
    const blob = await this.request("GET", `/${from}/blobs/${digest}`, { timeoutMs: BLOB_TIMEOUT_MS });
    await this.expectOk(blob, `read blob ${from}@${digest}`);
    const body = Buffer.from(await blob.arrayBuffer());
    await this.expectOk(await this.request("PUT", withQuery(this.absolute(location), { digest }), { contentType: "application/octet-stream", body, timeoutMs: BLOB_TIMEOUT_MS }), `upload blob ${digest} to ${repository}`);
    return "uploaded";
  }

  /** Uploads a small blob in one request (monolithic upload); returns its digest. */
  async putBlob(repository: string, bytes: Buffer): Promise<string> {
    const digest = `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
    const res = await this.request("POST", `/${repository}/blobs/uploads/`);
    await this.expectOk(res, `start upload to ${repository}`);
    const location = res.headers.get("location");
    if (!location) throw new SpcsError("registry-protocol", `registry ${this.address} opened an upload for ${repository} without a Location`);
    await this.expectOk(await this.request("PUT", withQuery(this.absolute(location), { digest }), { contentType: "application/octet-stream", body: bytes }), `upload blob ${digest} to ${repository}`);
    return digest;
  }

  private absolute(location: string): string {
    return location.startsWith("http") ? location : `http://${this.address}${location}`;
  }

  private async request(method: string, pathAndQuery: string, opts: { accept?: string; contentType?: string; body?: Buffer; timeoutMs?: number } = {}): Promise<Response> {
    const url = pathAndQuery.startsWith("http") ? pathAndQuery : `${this.base}${pathAndQuery}`;
    const headers: Record<string, string> = {};
    if (opts.accept) headers.accept = opts.accept;
    if (opts.contentType) headers["content-type"] = opts.contentType;
    try {
      return await fetch(url, {
        method,
        headers,
        body: opts.body,
        signal: AbortSignal.timeout(opts.timeoutMs ?? REQUEST_TIMEOUT_MS),
      });
    } catch (e) {
      throw new SpcsError(
        "registry-unavailable",
        `the image registry at ${this.address} does not answer (${(e as Error).message})`,
        "run `spcs platform up` to start it, or set spcs:registry / SPCS_REGISTRY to a registry that answers",
      );
    }
  }

  private async expectOk(res: Response, what: string): Promise<void> {
    if (res.ok) return;
    const body = await res.text().catch(() => "");
    throw new SpcsError("registry-error", `registry ${this.address} failed to ${what}: HTTP ${res.status} ${body.trim().slice(0, 300)}`);
  }
}

/** The next page from an RFC 5988 `Link: </v2/_catalog?last=x&n=100>; rel="next"` header. */
function nextPage(link: string | null): string | undefined {
  const m = link?.match(/<([^>]+)>\s*;\s*rel="?next"?/);
  if (!m) return undefined;
  return m[1].startsWith("/v2") ? m[1].slice(3) : m[1];
}

/** Adds query parameters to an upload Location, which may already carry some (`?_state=...`). */
function withQuery(url: string, params: Record<string, string>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}
