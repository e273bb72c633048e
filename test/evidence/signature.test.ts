/** The bundle signature: each key type Node signs with, a tampered signature, and key files that are not keys. */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkSignature, keyFingerprint, readPrivateKey, readPublicKey, signBundle, SIGNATURE } from '../../src/evidence/signature.js';
import { tempDir, write } from '../helpers/temp-catalog.js';

const ROOT = `sha256:${'ab'.repeat(32)}`;

describe('bundle signature', () => {
  const keyTypes: Array<[string, () => crypto.KeyPairKeyObjectResult]> = [
    ['ed25519', () => crypto.generateKeyPairSync('ed25519')],
    ['ec', () => crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' })],
    ['rsa', () => crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })],
  ];
  for (const [type, generate] of keyTypes) {
    it(`${type}: signs the root hash and checks it, by the key given`, () => {
      const { privateKey, publicKey } = generate();
      const dir = tempDir('signature-');
      const signed = signBundle(dir, ROOT, privateKey);
      assert.equal(signed.algorithm, type);
      assert.equal(signed.keyFingerprint, keyFingerprint(publicKey));
      assert.deepEqual(checkSignature(dir, ROOT, publicKey), { signedBy: { keyFingerprint: signed.keyFingerprint, algorithm: type }, problems: [] });
    });
  }

  it('a signature whose bytes changed does not hold', () => {
    const { privateKey } = crypto.generateKeyPairSync('ed25519');
    const dir = tempDir('signature-');
    const signed = signBundle(dir, ROOT, privateKey);
    const bytes = Buffer.from(signed.signature, 'base64');
    bytes[0] = bytes[0]! ^ 1;
    fs.writeFileSync(path.join(dir, SIGNATURE), JSON.stringify({ ...signed, signature: bytes.toString('base64') }));
    assert.deepEqual(checkSignature(dir, ROOT).problems.map((p) => [p.reason, p.detail]), [['signature-mismatch', `the signature does not hold for key ${signed.keyFingerprint}`]]);
  });

  it('a signature file that is not one, or a FIFO, is unreadable; none is fine unless a key is expected', () => {
    const dir = tempDir('signature-');
    assert.deepEqual(checkSignature(dir, ROOT), { problems: [] });
    write(dir, SIGNATURE, '{"signature": 1}');
    assert.deepEqual(checkSignature(dir, ROOT).problems.map((p) => [p.reason, p.detail]), [['unreadable', 'not an mcp-comply bundle signature']]);
  });

  it('key files: a public key is no private key, a private key gives its public key, a folder is refused by name', () => {
    const { privateKey } = crypto.generateKeyPairSync('ed25519');
    const dir = tempDir('keys-');
    const pem = write(dir, 'key.pem', privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    const pub = write(dir, 'key.pub', crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString());
    assert.equal(keyFingerprint(readPublicKey(pem)), keyFingerprint(privateKey));
    assert.throws(() => readPrivateKey(pub), { name: 'KeyFileError', message: `${pub}: not a PEM private key` });
    assert.throws(() => readPrivateKey(dir), { name: 'KeyFileError', message: `${dir}: cannot read the private key: not a regular file: folder` });
  });
});
