/**
 * What the opt-in probe (`--probe`) observed at one remote MCP endpoint: one `probe-endpoint`
 * evidence item per endpoint. Everything here was seen on the wire, never inferred from a
 * configuration; what could not be seen is absent, with `failure` saying why. Redacted like every
 * item: URLs without userinfo, query or fragment, no credential, no response body beyond the
 * fields named here.
 */

/** Where the endpoint's URL came from: an assessed configuration, or `--probe-url` / `probe.urls`. */
export interface ProbeReference {
  /** Display path of the configuration, or `command line` / `mcp-comply.yaml` for a named URL. */
  path: string;
  server?: string;
  line?: number;
  column?: number;
}

/** One HTTP request the probe sent, as logged (the fully logged trail an auditor asks for). */
export interface ProbeRequest {
  /** `POST initialize`, `GET /.well-known/oauth-protected-resource`, `TLS handshake`, ... */
  purpose: string;
  method: string;
  /** Redacted URL. */
  url: string;
  status?: number;
  /** Bytes of the response body read (the read stops at the size limit). */
  bytes?: number;
  /** Stable reason code when the request did not complete: `timeout`, `refused`, `dns`, `tls`, `too-large`, `redirect-off-host`, ... */
  error?: string;
}

/** RFC 9728 protected resource metadata, as fetched. */
export interface ProtectedResourceObservation {
  /** Where it was fetched from: the challenge's `resource_metadata`, else the well-known URL. */
  url: string;
  /** How its URL was found. */
  foundBy: 'challenge' | 'well-known';
  status?: number;
  /** The fields the checks read, when the document parsed as JSON. */
  document?: {
    resource?: string;
    authorization_servers?: string[];
    scopes_supported?: string[];
    bearer_methods_supported?: string[];
  };
  /** Why no usable document: `not-found`, `not-json`, `too-large`, `timeout`, ... */
  problem?: string;
}

/** RFC 8414 authorization server metadata (or OpenID discovery), as fetched. */
export interface AuthorizationServerObservation {
  /** The issuer named by the protected resource metadata. */
  issuer: string;
  /** The metadata URL that answered (RFC 8414 first, then OpenID discovery). */
  url: string;
  status?: number;
  document?: {
    issuer?: string;
    authorization_endpoint?: string;
    token_endpoint?: string;
    registration_endpoint?: string;
    code_challenge_methods_supported?: string[];
    client_id_metadata_document_supported?: boolean;
    scopes_supported?: string[];
  };
  problem?: string;
}

export interface TlsObservation {
  /** Negotiated protocol: `TLSv1.3`, `TLSv1.2`, ... */
  protocol: string;
  /** ISO 8601. */
  validFrom: string;
  validTo: string;
  /** Whole days from the run's time to `validTo` (negative when expired). */
  daysToExpiry: number;
  hostnameMatches: boolean;
  /** The chain verified against the trusted roots. */
  trusted: boolean;
  /** Node's verification error code when not trusted (`DEPTH_ZERO_SELF_SIGNED_CERT`, `CERT_HAS_EXPIRED`, ...). */
  verifyError?: string;
  selfSigned: boolean;
  /** The `Strict-Transport-Security` header of the MCP response, when there was one. */
  hsts?: string;
}

export interface ProbeEndpointEvidence {
  /** The endpoint, redacted (no userinfo, query or fragment). */
  url: string;
  referencedBy: ProbeReference[];
  /** The endpoint answered HTTP at all. */
  reached: boolean;
  /** Why it was not reached or the exchange stopped. */
  failure?: { code: string; reason: string };
  /** The MCP transport that answered; `sse` is the deprecated HTTP+SSE fallback. */
  transport?: 'streamable-http' | 'sse';
  /** `initialize` sent without any credential. */
  unauthenticated?: {
    status?: number;
    /** An InitializeResult came back: the endpoint serves MCP to anyone who asks. */
    initialized: boolean;
    protocolVersion?: string;
    serverName?: string;
    serverVersion?: string;
    /** The `WWW-Authenticate` challenge of a 401, parsed. */
    challenge?: { scheme: string; resourceMetadata?: string; scope?: string; error?: string };
  };
  protectedResource?: ProtectedResourceObservation;
  authorizationServers?: AuthorizationServerObservation[];
  /** https endpoints only. */
  tls?: TlsObservation;
  /** `initialize` sent with a foreign `Origin` (loopback and private endpoints: the transport spec requires a 403). */
  originCheck?: { origin: string; status?: number; refused: boolean };
  /**
   * The session opened with the credential the user configured for this endpoint (`probe.credentials`):
   * the header's name, never its value; the lists it returned are a `tool-snapshot` item.
   */
  authenticated?: {
    header: string;
    initialized: boolean;
    status?: number;
    serverName?: string;
    serverVersion?: string;
    tools?: number;
    prompts?: number;
    resources?: number;
    /** The id of the `tool-snapshot` item made from the lists. */
    snapshot?: string;
    failure?: { code: string; reason: string };
  };
  requests: ProbeRequest[];
}
