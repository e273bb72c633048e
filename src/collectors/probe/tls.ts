/**
 * The TLS observation of an https endpoint, with Node's own `tls`: one handshake that verifies
 * nothing itself (so an untrusted or expired certificate is still seen), then the verdicts the
 * checks need, computed from the peer certificate.
 */
import tls from 'node:tls';
import type { TlsObservation } from './model.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `now` to `validTo` (floor: a certificate expiring in 12 hours has 0 days left; negative once expired). */
export function daysToExpiry(validTo: string, now: string): number {
  return Math.floor((Date.parse(validTo) - Date.parse(now)) / DAY_MS);
}

/** The certificate names itself as issuer (subject and issuer equal, as Node's `fingerprint256` of the issuer certificate shows). */
export function isSelfSigned(cert: Pick<tls.PeerCertificate, 'subject' | 'issuer' | 'fingerprint256'> & { issuerCertificate?: { fingerprint256?: string } }): boolean {
  if (cert.issuerCertificate?.fingerprint256) return cert.issuerCertificate.fingerprint256 === cert.fingerprint256;
  return sameName(cert.subject, cert.issuer);
}

function sameName(a: object | undefined, b: object | undefined): boolean {
  if (!a || !b) return false;
  const entries = (n: object) => Object.entries(n).map(([k, v]) => `${k}=${String(v)}`).sort().join(',');
  return entries(a) === entries(b);
}

/** The observation from a finished handshake's peer certificate. */
export function tlsObservationOf(
  cert: tls.DetailedPeerCertificate, protocol: string, host: string, authorizationError: Error | null, now: string,
): TlsObservation {
  const validFrom = new Date(cert.valid_from).toISOString();
  const validTo = new Date(cert.valid_to).toISOString();
  const verifyError = authorizationError ? (authorizationError as Error & { code?: string }).code ?? authorizationError.message : undefined;
  return {
    protocol,
    validFrom,
    validTo,
    daysToExpiry: daysToExpiry(validTo, now),
    hostnameMatches: tls.checkServerIdentity(host, cert) === undefined,
    trusted: !authorizationError,
    ...(verifyError ? { verifyError } : {}),
    selfSigned: isSelfSigned(cert),
  };
}

/** One handshake with `host:port` (SNI when the host is a name); rejects with a reason code on failure. */
export function observeTls(host: string, port: number, timeoutMs: number, now: string): Promise<TlsObservation> {
  return new Promise((resolve, reject) => {
    const isIp = /^[\d.]+$|:/.test(host);
    const socket = tls.connect({ host, port, rejectUnauthorized: false, ...(isIp ? {} : { servername: host }), ALPNProtocols: ['http/1.1'] });
    const timer = setTimeout(() => { socket.destroy(); reject(Object.assign(new Error(`no TLS handshake within ${timeoutMs} ms`), { code: 'timeout' })); }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const cert = socket.getPeerCertificate(true);
      const observation = tlsObservationOf(cert, socket.getProtocol() ?? 'unknown', host, socket.authorizationError ? toError(socket.authorizationError) : null, now);
      socket.end();
      resolve(observation);
    });
    socket.once('error', (error) => { clearTimeout(timer); reject(Object.assign(error, { code: 'tls' })); });
  });
}

function toError(value: Error | string): Error {
  return typeof value === 'string' ? Object.assign(new Error(value), { code: value }) : value;
}
