/**
 * An evidence bundle's optional signature: its root hash (which covers the whole manifest and, through
 * their hashes, every item) signed with a private key the user names, written as `manifest.sig` beside
 * the manifest. The hashes prove the bundle unchanged since it was written; the signature proves who
 * wrote it, once `verify --key` is given the public key the auditor expects.
 */
import crypto, { type KeyObject } from 'node:crypto';
import path from 'node:path';
import { writeFileAtomic } from '../lib/atomic-write.js';
import { readRegularText } from '../lib/bounded-read.js';
import type { VerifyProblem } from './bundle.js';

export const SIGNATURE = 'manifest.sig';
const SIGNATURE_SCHEMA_VERSION = '1.0';
/** Far above any PEM key or signature file. */
const KEY_FILE_CAP = 64 * 1024;

export interface BundleSignature {
  schemaVersion: string;
  /** The root hash signed, as the manifest records it. */
  rootHash: string;
  /** The key's type as Node names it: `ed25519`, `ed448`, `ec`, `rsa`. */
  algorithm: string;
  /** `sha256:` and the hex sha256 of the public key in DER (SubjectPublicKeyInfo). */
  keyFingerprint: string;
  /** The public key, SPKI PEM, so that the signature can be checked without it being given. */
  publicKey: string;
  /** Base64. */
  signature: string;
}

/** A key file that cannot be used: the message names the file and why, never its content. */
export class KeyFileError extends Error {
  override name = 'KeyFileError';
}

/** The private key in a PEM file (PKCS #8, or SEC1/PKCS #1). */
export const readPrivateKey = (file: string): KeyObject => readKey(file, 'private');

/** The public key in a PEM file; a private key's file gives its public key. */
export const readPublicKey = (file: string): KeyObject => readKey(file, 'public');

function readKey(file: string, kind: 'private' | 'public'): KeyObject {
  const read = readRegularText(file, { cap: KEY_FILE_CAP });
  if (!read.ok) throw new KeyFileError(`${file}: cannot read the ${kind} key: ${read.refusal.reason}`);
  try {
    return kind === 'private' ? crypto.createPrivateKey(read.text) : crypto.createPublicKey(read.text);
  } catch {
    throw new KeyFileError(`${file}: not a PEM ${kind} key`);
  }
}

export function keyFingerprint(key: KeyObject): string {
  const publicKey = key.type === 'private' ? crypto.createPublicKey(key) : key;
  return `sha256:${crypto.createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex')}`;
}

/** Ed25519 and Ed448 sign the message itself; the other key types sign its SHA-256. */
const digestFor = (key: KeyObject) => (key.asymmetricKeyType === 'ed25519' || key.asymmetricKeyType === 'ed448' ? null : 'sha256');

/** Signs the root hash and writes `manifest.sig` into the bundle's folder. */
export function signBundle(dir: string, rootHash: string, privateKey: KeyObject): BundleSignature {
  const publicKey = crypto.createPublicKey(privateKey);
  const signature: BundleSignature = {
    schemaVersion: SIGNATURE_SCHEMA_VERSION,
    rootHash,
    algorithm: privateKey.asymmetricKeyType ?? 'unknown',
    keyFingerprint: keyFingerprint(publicKey),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    signature: crypto.sign(digestFor(privateKey), Buffer.from(rootHash), privateKey).toString('base64'),
  };
  writeFileAtomic(path.join(dir, SIGNATURE), `${JSON.stringify(signature, null, 2)}\n`);
  return signature;
}

export interface SignatureCheck {
  /** The key that signed, when the signature holds. */
  signedBy?: { keyFingerprint: string; algorithm: string };
  problems: VerifyProblem[];
}

/**
 * Checks `manifest.sig` against the root hash the manifest records and the public key it carries, and,
 * with `expected`, that this key signed it. No signature is a problem only when a key is expected.
 */
export function checkSignature(dir: string, rootHash: string, expected?: KeyObject): SignatureCheck {
  const problem = (reason: VerifyProblem['reason'], detail: string): SignatureCheck => ({ problems: [{ subject: SIGNATURE, file: SIGNATURE, reason, detail }] });
  const read = readRegularText(path.join(dir, SIGNATURE), { cap: KEY_FILE_CAP });
  if (!read.ok) {
    if (read.refusal.code !== 'missing') return problem('unreadable', read.refusal.reason);
    return expected ? problem('unsigned', `the bundle is not signed, and --key expects a signature by ${keyFingerprint(expected)}`) : { problems: [] };
  }
  let signature: BundleSignature;
  let publicKey: KeyObject;
  try {
    signature = JSON.parse(read.text) as BundleSignature;
    if (typeof signature?.signature !== 'string' || typeof signature.rootHash !== 'string' || typeof signature.publicKey !== 'string') throw new Error('fields');
    publicKey = crypto.createPublicKey(signature.publicKey);
  } catch {
    return problem('unreadable', 'not an mcp-comply bundle signature');
  }
  const fingerprint = keyFingerprint(publicKey);
  if (signature.rootHash !== rootHash) return problem('signature-mismatch', `it signs root hash ${signature.rootHash}, the manifest records ${rootHash}`);
  let holds = false;
  try {
    holds = crypto.verify(digestFor(publicKey), Buffer.from(rootHash), publicKey, Buffer.from(signature.signature, 'base64'));
  } catch {
    // A malformed signature is a signature that does not hold.
  }
  if (!holds) return problem('signature-mismatch', `the signature does not hold for key ${fingerprint}`);
  if (expected && keyFingerprint(expected) !== fingerprint) {
    return problem('signature-mismatch', `signed by key ${fingerprint}, not by the key given (${keyFingerprint(expected)})`);
  }
  return { signedBy: { keyFingerprint: fingerprint, algorithm: publicKey.asymmetricKeyType ?? 'unknown' }, problems: [] };
}
