/** The sensitive-data detectors of log text: cards, national ids, secrets, session ids in URLs, and the prefilter that guards them. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cardBrand, luhnValid, mayHoldSensitive, scanText, type TextHit } from '../../../src/collectors/logs/detect.js';
import { planted } from './support.js';

const kinds = (hits: TextHit[]) => hits.map((h) => `${h.category}:${h.kind}`);

/** Every positive case of this file: text, optional key, and the one hit expected (category:kind at the value's offset). */
const POSITIVE: Array<{ name: string; text: string; key?: string; hit: string; value: string }> = [];
const positive = (name: string, text: string, hit: string, value: string, key?: string) => {
  POSITIVE.push({ name, text, hit, value, ...(key ? { key } : {}) });
};

// ---- cards ----
const PANS: Array<[string, string]> = [
  ['4111 1111 1111 1111', 'visa'], ['4111-1111-1111-1111', 'visa'], ['4111111111111111', 'visa'], ['4222222222222', 'visa'],
  ['5555 5555 5555 4444', 'mastercard'], ['5555-5555-5555-4444', 'mastercard'], ['5555555555554444', 'mastercard'], ['2223003122003222', 'mastercard'],
  ['3782 822463 10005', 'amex'], ['3782-822463-10005', 'amex'], ['378282246310005', 'amex'],
  ['6011111111111117', 'discover'], ['3530111333300000', 'jcb'], ['30569309025904', 'diners'], ['6200000000000005', 'unionpay'],
];
for (const [pan, brand] of PANS) positive(`${brand} ${pan}`, `paid with ${pan} today`, `cardNumbers:${brand}`, pan);
for (const [pan, brand] of PANS.slice(0, 3)) positive(`${brand} ${pan} alone`, pan, `cardNumbers:${brand}`, pan);
positive('PAN followed by a comma and a space', `paid with ${planted.visa}, thanks`, 'cardNumbers:visa', planted.visa);
positive('PAN ending a sentence', `the card was ${planted.mastercard}.`, 'cardNumbers:mastercard', planted.mastercard);
positive('PAN in parentheses', `card (${planted.amex})`, 'cardNumbers:amex', planted.amex);
positive('PAN after a comma that follows a word', `alice,${planted.mastercard}`, 'cardNumbers:mastercard', planted.mastercard);
positive('PAN between CSV fields of digits', `1,${planted.visa.replace(/ /g, '')},12/28`, 'cardNumbers:visa', planted.visa.replace(/ /g, ''));

// ---- national ids ----
positive('US SSN', `ssn ${planted.ssn} on file`, 'nationalIds:us-ssn', planted.ssn);
positive('US SSN, first valid area', 'id 001-01-0001', 'nationalIds:us-ssn', '001-01-0001');
positive('US SSN, last valid area', 'id 899-99-9999', 'nationalIds:us-ssn', '899-99-9999');
positive('UK NINO', `nino ${planted.nino}`, 'nationalIds:uk-nino', planted.nino);
positive('UK NINO spaced', 'nino AB 12 34 56 C', 'nationalIds:uk-nino', 'AB 12 34 56 C');
positive('UK NINO, suffix D', 'ni JG103759D', 'nationalIds:uk-nino', 'JG103759D');

// ---- secrets ----
positive('GitHub token', `using ${planted.githubToken}`, 'secrets:github-token', planted.githubToken);
positive('JWT', `id_token ${planted.jwt}`, 'secrets:jwt', planted.jwt);
positive('JWT as a bearer token', `Authorization: Bearer ${planted.jwt}`, 'secrets:jwt', planted.jwt);
positive('opaque bearer token', `Authorization: Bearer ${planted.opaqueToken}`, 'secrets:bearer-token', planted.opaqueToken);
positive('lower-case bearer', `authorization: bearer ${planted.opaqueToken}`, 'secrets:bearer-token', planted.opaqueToken);
positive('URL credentials', `postgres://admin:${planted.password}@db.internal:5432/app`, 'secrets:url-credentials', planted.password);
positive('basic auth', `Authorization: Basic ${Buffer.from(`svc:${planted.password}`).toString('base64')}`, 'secrets:basic-auth', Buffer.from(`svc:${planted.password}`).toString('base64'));
positive('access_token in a full URL', `https://api.example.com/cb?access_token=${planted.highEntropy}&x=1`, 'secrets:high-entropy-secret', planted.highEntropy);
positive('access_token in a request path', `GET /cb?access_token=${planted.highEntropy} HTTP/1.1`, 'secrets:high-entropy-secret in URL', planted.highEntropy);
positive('api_key in a request path', `POST /mcp?api_key=${planted.highEntropy}`, 'secrets:high-entropy-secret in URL', planted.highEntropy);
positive('AWS access key', `key ${['AKIA', 'IOSFODNN7EXAMPLE'].join('')}`, 'secrets:aws-access-key', ['AKIA', 'IOSFODNN7EXAMPLE'].join(''));
positive('Stripe key', ['sk', 'live', 'a1B2c3D4e5F6g7H8i9J0'].join('_'), 'secrets:stripe-key', ['sk', 'live', 'a1B2c3D4e5F6g7H8i9J0'].join('_'));
positive('Slack token', ['xoxb', '1234567890', 'aBcDeFgHiJ'].join('-'), 'secrets:slack-token', ['xoxb', '1234567890', 'aBcDeFgHiJ'].join('-'));
positive('private key', ['-----BEGIN RSA PRIVATE', 'KEY-----\nMIIBOgIBAAJBAK'].join(' '), 'secrets:private-key', '-----BEGIN');

// ---- session ids in URLs ----
positive('sessionId in a POST path', 'POST /messages?sessionId=8f14e45fceea167a5a36dedd4bea2543 HTTP/1.1', 'sessionIdsInUrls:sessionId', 'sessionId=');
positive('sessionId with high entropy in a full URL', `https://mcp.example.com/messages?sessionId=${planted.highEntropy}`, 'sessionIdsInUrls:sessionId', 'sessionId=');
positive('jsessionid matrix parameter', 'GET /app;jsessionid=1A2B3C4D5E6F7G8H9I0J HTTP/1.1', 'sessionIdsInUrls:jsessionid', 'jsessionid=');
positive('session_id after another parameter', 'GET /sse?x=1&session_id=abc123', 'sessionIdsInUrls:session_id', 'session_id=');

describe('detectors: every positive case is found once, with its kind and offset', () => {
  for (const c of POSITIVE) {
    it(c.name, () => {
      const hits = scanText(c.text, c.key);
      assert.deepEqual(kinds(hits), [c.hit], JSON.stringify(hits));
      assert.equal(hits[0]!.index, c.text.indexOf(c.value));
    });
  }
});

describe('the prefilter never misses what a detector finds', () => {
  it('mayHoldSensitive is true for every positive case', () => {
    const missed = POSITIVE.filter((c) => !mayHoldSensitive(c.text)).map((c) => c.name);
    assert.deepEqual(missed, []);
  });

  it('and for every text a detector finds something in, over a seeded random corpus', () => {
    // Fragments that detectors react to, joined at random with filler: any hit must have passed the prefilter.
    const fragments = [
      '4111', '1111', ' ', '-', '5555', '4444', '3782', '822463', '10005', '6011', '1117', '0', '9', '12', '34', '56', '123', '45', '6789',
      'AB', 'C', 'JG', 'A', '?', '&', ';', '=', 'sessionId', 'jsessionid', 'token', 'access_token', 'api_key', planted.highEntropy,
      'Bearer ', 'bearer ', 'Basic ', planted.opaqueToken, 'https://', 'u:', 'pw', '@', 'h/', 'ghp_', 'R8mK2vQ9xL4tW7nB3cF6hJ1pS5dG0aZeY2uI',
      'eyJ', 'hbGciOiJIUzI1NiJ9', '.', 'x', '/', '"', ',', ':',
    ];
    let seed = 42;
    const random = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x80000000; };
    let found = 0;
    for (let i = 0; i < 20_000; i++) {
      const n = 1 + Math.floor(random() * 12);
      let text = '';
      for (let j = 0; j < n; j++) text += fragments[Math.floor(random() * fragments.length)];
      if (scanText(text).length === 0) continue;
      found++;
      assert.ok(mayHoldSensitive(text), `prefilter missed ${JSON.stringify(text)}: ${JSON.stringify(scanText(text))}`);
    }
    assert.ok(found > 500, `the corpus should hold many hits, held ${found}`);
  });

  it('lets through an auth scheme followed by a tab or written in mixed case', () => {
    for (const text of [`Authorization: Bearer\t${planted.opaqueToken}`, `Authorization: bEaReR ${planted.opaqueToken}`]) {
      assert.equal(scanText(text).length, 1, text);
      assert.ok(mayHoldSensitive(text), text);
    }
  });

  it('is false for an ordinary canonical event', () => {
    for (const text of [
      '{"ts":"2026-11-23T10:00:00.000Z","identity":"alice@example.com","method":"tools/call","tool":"get_forecast","status":200}',
      '2025-07-20T13:44:16.380Z [weather] [info] Server started and connected successfully { metadata: undefined }',
      '10.0.0.5 - alice [23/Nov/2026:10:00:02 -0700] "POST /mcp HTTP/1.1" 200 512 "-" "cursor/1.2.0"',
    ]) assert.equal(mayHoldSensitive(text), false, text);
  });
});

describe('card numbers', () => {
  it('luhnValid', () => {
    for (const digits of ['4111111111111111', '5555555555554444', '378282246310005', '79927398713', '0']) assert.equal(luhnValid(digits), true, digits);
    for (const digits of ['4111111111111112', '5555555555554445', '378282246310006', '79927398710']) assert.equal(luhnValid(digits), false, digits);
  });

  it('cardBrand by issuer prefix and length', () => {
    for (const [pan, brand] of PANS) assert.equal(cardBrand(pan.replace(/[ -]/g, '')), brand, pan);
    assert.equal(cardBrand('41111111111111'), undefined, 'visa is never 14 digits');
    assert.equal(cardBrand('37828224631000'), undefined, 'amex is always 15 digits');
    assert.equal(cardBrand('9999999999999995'), undefined, 'no scheme starts with 9');
    assert.equal(cardBrand('1234567812345670'), undefined);
  });

  const negatives: Array<[string, string]> = [
    ['Luhn-invalid visa', 'card 4111 1111 1111 1112'],
    ['Luhn-invalid mastercard', '5555555555554445'],
    ['Luhn-invalid amex', '378282246310006'],
    ['Luhn-valid without a scheme', 'ref 9999999999999995'],
    ['one digit repeated', '0000 0000 0000 0000'],
    ['mixed separators', '4111 1111-1111 1111'],
    ['phone numbers', 'call +1 415 555 0132 or +44 20 7946 0958 or (415) 555-0132 or +14155550132'],
    ['UUIDs', 'request 550e8400-e29b-41d4-a716-446655440000 and 12345678-1234-5678-1234-567812345678'],
    ['order ids', 'order ORD-20261123-000042, order 20241123000001, invoice INV-4111111111'],
    ['decimal numbers', 'pi 3.14159265358979323846 amount 4111111111111111.50 and 0.4111111111111111'],
    ['a PAN inside a longer number', '94111111111111111'],
    ['dates and times', '2026-11-23T10:00:00.000Z 23/Nov/2026:10:00:02 -0700'],
  ];
  for (const [name, text] of negatives) {
    it(`not a card: ${name}`, () => assert.deepEqual(scanText(text).filter((h) => h.category === 'cardNumbers'), []));
  }

  it('13-digit epoch-millisecond timestamps are never cards, Luhn-valid or not', () => {
    let luhn = 0;
    for (let t = Date.UTC(2001, 8, 9, 2); t < Date.UTC(2100, 0, 1); t += 7_777_777_777) {
      const text = `{"ts":${t},"at":"${t}"}`;
      if (luhnValid(String(t))) luhn++;
      assert.deepEqual(scanText(text), [], text);
      assert.deepEqual(scanText(String(t)), [], String(t));
    }
    assert.ok(luhn > 0, 'some timestamps in the sweep should be Luhn-valid');
  });
});

describe('national identifiers', () => {
  for (const ssn of ['000-12-3456', '666-12-3456', '900-12-3456', '999-12-3456', '123-00-6789', '123-45-0000']) {
    it(`not an SSN: ${ssn}`, () => assert.deepEqual(scanText(`ssn ${ssn}`), []));
  }

  it('not an SSN: a date, or an SSN shape inside a longer dashed number', () => {
    assert.deepEqual(scanText('2026-11-23 and 1-123-45-6789 and 123-45-67890'), []);
  });

  it('a bare nine-digit SSN only under a field that names it', () => {
    for (const key of ['ssn', 'customer_ssn', 'SSN', 'socialSecurityNumber', 'social_security']) {
      assert.deepEqual(scanText('123456789', key), [{ category: 'nationalIds', kind: 'us-ssn', index: 0 }], key);
    }
    assert.deepEqual(scanText('123456789'), []);
    for (const key of ['id', 'phone', 'zip', 'order']) assert.deepEqual(scanText('123456789', key), [], key);
    assert.deepEqual(scanText('000123456', 'ssn'), [], 'invalid area');
    assert.deepEqual(scanText('123006789', 'ssn'), [], 'invalid group');
    assert.deepEqual(scanText('1234567890', 'ssn'), [], 'ten digits');
  });

  for (const nino of ['BG123456C', 'GB123456A', 'NK123456A', 'TN123456A', 'ZZ123456A', 'DA123456A', 'AO123456A', 'AB123456E', 'XAB123456C', 'AB1234567C']) {
    it(`not a NINO: ${nino}`, () => assert.deepEqual(scanText(nino), []));
  }
});

describe('secrets and session ids', () => {
  it('a session id in a URL is not also reported as a secret', () => {
    for (const text of [
      `https://mcp.example.com/messages?sessionId=${planted.highEntropy}`,
      `POST /messages?session_id=${planted.highEntropy} HTTP/1.1`,
      `GET /app;jsessionid=${planted.highEntropy}`,
    ]) {
      const hits = scanText(text);
      assert.deepEqual(hits.filter((h) => h.category === 'secrets'), [], text);
      assert.equal(hits.filter((h) => h.category === 'sessionIdsInUrls').length, 1, text);
    }
  });

  it('a secret-named query parameter with a low-entropy or placeholder value is not a secret', () => {
    for (const text of ['GET /cb?access_token=abc', 'https://x.example/cb?token=YOUR_TOKEN_HERE', 'GET /cb?api_key=aaaaaaaaaaaaaaaa']) {
      assert.deepEqual(scanText(text), [], text);
    }
  });

  it('an empty session parameter is not a session id', () => {
    assert.deepEqual(scanText('GET /sse?sessionId=&x=1'), []);
  });

  it('prose is not a secret', () => {
    assert.deepEqual(scanText('Use Bearer authentication or Basic authentication; see https://example.com/docs?page=auth'), []);
  });

  it('several hits in one text, each with its own offset', () => {
    const text = `card ${planted.visa}, ssn ${planted.ssn}, token ${planted.githubToken}`;
    const hits = scanText(text);
    assert.deepEqual(kinds(hits).sort(), ['cardNumbers:visa', 'nationalIds:us-ssn', 'secrets:github-token']);
    for (const [value, category] of [[planted.visa, 'cardNumbers'], [planted.ssn, 'nationalIds'], [planted.githubToken, 'secrets']] as const) {
      assert.equal(hits.find((h) => h.category === category)!.index, text.indexOf(value));
    }
  });
});
