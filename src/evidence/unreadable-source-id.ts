/**
 * The id of an `unreadable-source` item. The collector is part of it because two collectors can meet
 * the same unreadable path (a folder that both MCP discovery and the repository walk cannot enter), and
 * each reports it in its own words; ids must stay unique in the bundle.
 */
export const unreadableSourceId = (collector: string, path: string): string => `unreadable-source:${collector}:${path}`;
