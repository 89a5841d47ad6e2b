import { parseNwipeJson } from './json.js';
import { parseNwipeLog } from './log.js';
import type { NwipeReport } from './types.js';

export type { NwipeDiskResult, NwipeReport } from './types.js';
export { parseNwipeJson } from './json.js';
export { parseNwipeLog } from './log.js';

/** Detects JSON vs log; throws an Error with a French message if it is neither. */
export function parseNwipeReport(text: string): NwipeReport {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{') || /^\[\s*\{/.test(start)) return parseNwipeJson(text);
  if (start === '') throw new Error('Le fichier est vide : ni journal nwipe ni rapport JSON nwipe.');
  try {
    return parseNwipeLog(text);
  } catch {
    throw new Error(
      "Ce fichier n'est ni un journal nwipe ni un rapport JSON nwipe : aucune ligne caractéristique de nwipe n'a été trouvée.",
    );
  }
}
