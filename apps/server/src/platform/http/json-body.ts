import { isUtf8 } from 'node:buffer';
import { AppError, ErrorCode } from './app-error';

/**
 * Arrays and objects nested deeper than this are refused. No request of the API nests a tenth as
 * deep, and deeper input would exhaust the stack of whatever walks it (the idempotency
 * fingerprint, event serialization) before validation could refuse it.
 */
export const MAX_JSON_DEPTH = 64;

/** Whether JSON text nests arrays and objects deeper than `limit` (brackets inside strings do not count). */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i++; // a backslash escapes the next character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b) {
      if (++depth > limit) return true;
    } else if (code === 0x7d || code === 0x5d) depth--;
  }
  return false;
}

/**
 * A request body's bytes as the API reads them: UTF-8 JSON (RFC 8259 §8.1). A body said to be in
 * another charset is a 415; bytes that are not UTF-8 are a 400, where decoding them anyway would
 * store U+FFFD in their place. Then as parseJsonBody.
 */
export function decodeJsonBody(contentType: string | undefined, raw: Buffer): unknown {
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new AppError(ErrorCode.UnsupportedMediaType, `JSON bodies must be UTF-8, not charset=${charset.slice(0, 40)}`);
  }
  if (!isUtf8(raw)) throw new AppError(ErrorCode.MalformedBody, 'The body is not valid UTF-8');
  return parseJsonBody(raw.toString('utf8'));
}

/**
 * A request body as the API reads it: JSON, with no NUL (PostgreSQL text cannot hold it) and no
 * nesting deeper than MAX_JSON_DEPTH; anything else is a 400 problem. An empty body is none.
 */
export function parseJsonBody(text: string | undefined): unknown {
  if (text === '' || text === undefined) return undefined;
  if (/\\u0000/i.test(text)) throw AppError.validation([{ path: '', message: 'text must not contain NUL (\\u0000) characters' }]);
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw AppError.validation([{ path: '', message: `arrays and objects must not nest deeper than ${MAX_JSON_DEPTH} levels` }]);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError(ErrorCode.MalformedBody, 'The body is not valid JSON');
  }
  // UTF-8 cannot carry a lone surrogate; only a \uD800–\uDFFF escape can, and it would be stored
  // changed (as U+FFFD). Looked for only when the text has such an escape.
  if (/\\u[dD][89a-fA-F]/.test(text) && holdsLoneSurrogate(body)) {
    throw AppError.validation([
      { path: '', message: 'text must be well-formed Unicode (a \\uD800–\\uDFFF escape must be half of a pair)' },
    ]);
  }
  return body;
}

const LONE_SURROGATE = /\p{Cs}/u;

/** Whether a string of a parsed body (a value or a key) holds a UTF-16 surrogate that is not half of a pair. */
function holdsLoneSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.some(holdsLoneSurrogate);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([key, item]) => LONE_SURROGATE.test(key) || holdsLoneSurrogate(item));
  }
  return false;
}
