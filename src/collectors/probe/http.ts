/**
 * The probe's only way onto the network: a `fetch` bounded per endpoint (a timeout per request, a
 * response size limit, a request budget, no redirect off the endpoint's host) that logs every request
 * it sends, redacted. The SDK transports are given this `fetch`, so their requests are bounded and
 * logged like the probe's own.
 */
import { REDACTED, redactSecrets } from '../../evidence/secrets.js';
import { safeText } from '../../checks/mcp/url.js';
import type { ProbeRequest } from './model.js';

export interface ProbeLimits {
  timeoutMs: number;
  maxResponseBytes: number;
  maxRequests: number;
}

export const DEFAULT_LIMITS: ProbeLimits = { timeoutMs: 10_000, maxResponseBytes: 1024 * 1024, maxRequests: 8 };

/** A request that did not complete, with the stable reason code logged for it. */
export class ProbeFetchError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** A URL as it may appear in evidence: no userinfo, query or fragment, and no credential in the path. */
export function redactedUrl(url: string): string {
  return redactSecrets(safeText(url), undefined, REDACTED).value;
}

/** Why a URL the user names cannot be probed: not an absolute http(s) URL, or userinfo or a query (a credential) in it. */
export function probeUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${safeText(url)}" is not an absolute URL`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `"${safeText(url)}" is not an http(s) URL`;
  if (parsed.username || parsed.password || parsed.search) return `"${safeText(url)}" carries userinfo or a query; the probe sends no credential`;
  return undefined;
}

export interface BoundedFetch {
  /** `fetch` for the SDK transports; `purpose` comes from the JSON-RPC method of the body when there is one. */
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /** The probe's own requests, with the purpose logged. */
  request: (purpose: string, url: string, init?: RequestInit) => Promise<Response>;
  requests: ProbeRequest[];
}

/** A bounded fetch for one endpoint's requests: a redirect is followed only within the host it was sent to. */
export function boundedFetch(limits: ProbeLimits): BoundedFetch {
  const requests: ProbeRequest[] = [];
  const send = async (purpose: string, target: string, init: RequestInit = {}): Promise<Response> => {
    let url = new URL(target);
    const origin = url.origin;
    for (;;) {
      const method = (init.method ?? 'GET').toUpperCase();
      const entry: ProbeRequest = { purpose, method, url: redactedUrl(url.href) };
      if (requests.length >= limits.maxRequests) throw new ProbeFetchError('request-budget', `more than ${limits.maxRequests} requests to one endpoint`);
      requests.push(entry);
      const timeout = AbortSignal.timeout(limits.timeoutMs);
      const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
      let response: Response;
      try {
        response = await fetch(url, { ...init, redirect: 'manual', signal });
      } catch (error) {
        const code = timeout.aborted ? 'timeout' : networkCode(error);
        entry.error = code;
        throw new ProbeFetchError(code, timeout.aborted ? `no answer within ${limits.timeoutMs} ms` : describe(error));
      }
      entry.status = response.status;
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          entry.error = 'bad-redirect';
          throw new ProbeFetchError('bad-redirect', 'a redirect to something that is not a URL');
        }
        if (next.origin !== origin) {
          entry.error = 'redirect-off-host';
          throw new ProbeFetchError('redirect-off-host', `redirected to another host (${redactedUrl(next.href)})`);
        }
        url = next;
        continue;
      }
      return readBounded(response, entry, limits, timeout);
    }
  };
  const sdkFetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const target = input instanceof Request ? input.url : String(input);
    const method = (init.method ?? 'GET').toUpperCase();
    const rpc = rpcMethod(init.body);
    return send(rpc ? `${method} ${rpc}` : `${method} event stream`, target, init);
  };
  return { fetch: sdkFetch, request: send, requests };
}

/** The JSON-RPC method of a request body, for the log. */
function rpcMethod(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  try {
    const parsed = JSON.parse(body) as { method?: unknown };
    return typeof parsed.method === 'string' ? parsed.method : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The response with its body read up to the size limit. An event stream of the endpoint (the SSE
 * transport's GET) is passed on as a stream, counted and cut at the limit, since it stays open.
 */
async function readBounded(response: Response, entry: ProbeRequest, limits: ProbeLimits, timeout: AbortSignal): Promise<Response> {
  const init = { status: response.status, statusText: response.statusText, headers: response.headers };
  if (!response.body) {
    entry.bytes = 0;
    return new Response(null, init);
  }
  const reader = response.body.getReader();
  let bytes = 0;
  const streaming = (response.headers.get('content-type') ?? '').includes('text/event-stream') && entry.method === 'GET';
  if (streaming) {
    entry.bytes = 0;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) { controller.close(); return; }
          bytes += value.byteLength;
          entry.bytes = bytes;
          if (bytes > limits.maxResponseBytes) {
            entry.error = 'too-large';
            await reader.cancel();
            controller.error(new ProbeFetchError('too-large', `response larger than ${limits.maxResponseBytes} bytes`));
            return;
          }
          controller.enqueue(value);
        } catch (error) {
          controller.error(error);
        }
      },
      cancel: () => reader.cancel(),
    });
    return new Response(stream, init);
  }
  const chunks: Uint8Array[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > limits.maxResponseBytes) {
        entry.bytes = bytes;
        entry.error = 'too-large';
        await reader.cancel();
        throw new ProbeFetchError('too-large', `response larger than ${limits.maxResponseBytes} bytes`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ProbeFetchError) throw error;
    entry.bytes = bytes;
    entry.error = timeout.aborted ? 'timeout' : networkCode(error);
    throw new ProbeFetchError(entry.error, timeout.aborted ? `no complete answer within ${limits.timeoutMs} ms` : describe(error));
  }
  entry.bytes = bytes;
  return new Response(NULL_BODY_STATUS.has(response.status) ? null : Buffer.concat(chunks), init);
}

/** Statuses whose Response may carry no body. */
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

/** Stable reason code of a failed fetch: `refused`, `dns`, `tls`, `reset`, `network`. */
function networkCode(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  const code = cause?.code ?? '';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'reset';
  if (/CERT|SSL|TLS|SELF_SIGNED/.test(code)) return 'tls';
  return 'network';
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return redactedText(cause?.message ?? (error as Error).message ?? String(error));
}

/** Error text without URLs' credentials. */
export function redactedText(text: string): string {
  return redactSecrets(text.replace(/[A-Za-z][A-Za-z0-9+.-]*:\/\/\S+/g, (u) => safeText(u)), undefined, REDACTED).value;
}
