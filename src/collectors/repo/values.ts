import { isObject } from '../mcp-config/normalize.js';

/** The value when it is a mapping, else an empty one: lets readers of user data walk optional keys. */
export function asObject(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}
