/**
 * The JSON text of values that already have one: a cached answer is parsed from (or stored as)
 * JSON text, and the same object sent as the answer need not be serialized a second time.
 * Keyed by object identity, so only the very object that was serialized or parsed matches; cached
 * values are shared between concurrent readers and are never modified after they are read.
 */
const texts = new WeakMap<object, string>();

export function rememberJson(value: unknown, json: string): void {
  if (typeof value === 'object' && value !== null) texts.set(value, json);
}

/** Fastify's reply serializer: the remembered text, or JSON.stringify as Fastify does without a schema. */
export function serializeReply(payload: unknown): string {
  return (typeof payload === 'object' && payload !== null && texts.get(payload)) || JSON.stringify(payload);
}
