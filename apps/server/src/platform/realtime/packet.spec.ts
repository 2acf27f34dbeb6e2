import { describe, expect, it } from 'vitest';
import { EncodedEvent } from './packet';

/** Reads one unmasked WebSocket frame (RFC 6455 §5.2): its flags, opcode and payload text. */
function readFrame(frame: Buffer) {
  let length = frame[1]! & 0x7f;
  let offset = 2;
  if (length === 126) {
    length = frame.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    length = Number(frame.readBigUInt64BE(2));
    offset = 10;
  }
  return {
    fin: (frame[0]! & 0x80) !== 0,
    opcode: frame[0]! & 0x0f,
    masked: (frame[1]! & 0x80) !== 0,
    text: frame.subarray(offset).toString('utf8'),
    declaredLength: length,
    actualLength: frame.length - offset,
  };
}

describe('EncodedEvent', () => {
  it.each([
    ['a short payload (7-bit length)', 'x'.repeat(10)],
    ['a payload over 125 bytes (16-bit length)', 'x'.repeat(500)],
    ['a payload over 64 KiB (64-bit length)', 'x'.repeat(70_000)],
    ['non-ASCII text (length in bytes, not characters)', 'Prüfstand Öl – 温度 ✓'],
  ])('frames %s as one final text frame holding the Engine.IO message', (_name, title) => {
    const encoded = new EncodedEvent('workorder:update', { eventId: 7, data: { title } });
    expect(encoded.text).toBe(`2${JSON.stringify(['workorder:update', { eventId: 7, data: { title } }])}`);
    const frame = readFrame(encoded.frame);
    expect(frame).toMatchObject({ fin: true, opcode: 1, masked: false });
    expect(frame.declaredLength).toBe(frame.actualLength);
    expect(frame.text).toBe(`4${encoded.text}`);
    expect(encoded.frame).toBe(encoded.frame); // built once
  });
});
