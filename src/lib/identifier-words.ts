/**
 * The lower-case words of an identifier: camelCase humps and every run of characters that are not
 * letters or digits (`_`, `-`, `.`, `@`, spaces) split it. `content_from_reading_ssh_id_rsa`,
 * `sshPrivateKey`, `--no-verify-ssl`, `desktop-commander@latest`. Letters of any script stay words.
 */
export function identifierWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean);
}
