import type { RealtimeSocket } from './emit';

type EngineSocket = RealtimeSocket['conn'];

/** Socket.IO packet type EVENT, and Engine.IO packet type MESSAGE (their wire prefixes). */
const SOCKET_IO_EVENT = '2';
const ENGINE_IO_MESSAGE = '4';

/**
 * One event encoded once for all its receivers: the Socket.IO packet text (for Engine.IO) and
 * the complete WebSocket frame carrying it, so that writing it to a WebSocket client is one
 * buffer handed to its TCP socket. Socket.IO's own broadcast encodes once too, but then goes
 * through several layers and events per socket; for a thousand sockets that is most of the
 * fan-out's CPU besides the system calls.
 */
export class EncodedEvent {
  /** The Socket.IO packet (default namespace, no ack id, JSON only). */
  readonly text: string;
  private built: Buffer | undefined;

  constructor(event: string, payload: unknown) {
    this.text = SOCKET_IO_EVENT + JSON.stringify([event, payload]);
  }

  /** An unmasked, final WebSocket text frame (RFC 6455 §5.2) with the Engine.IO message in it. */
  get frame(): Buffer {
    if (this.built) return this.built;
    const length = Buffer.byteLength(this.text) + 1;
    const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
    const frame = Buffer.allocUnsafe(header + length);
    frame[0] = 0x81; // FIN, opcode 1 (text)
    if (length < 126) frame[1] = length;
    else if (length < 65_536) {
      frame[1] = 126;
      frame.writeUInt16BE(length, 2);
    } else {
      frame[1] = 127;
      frame.writeBigUInt64BE(BigInt(length), 2);
    }
    frame.write(ENGINE_IO_MESSAGE, header, 'latin1');
    frame.write(this.text, header + 1, 'utf8');
    this.built = frame;
    return frame;
  }
}

/** What the direct path needs of `ws` (the same member Engine.IO uses for pre-encoded frames). */
interface WebSocketLike {
  readyState: number;
  _sender?: { sendFrame?: (list: Buffer[], callback?: () => void) => void };
}
const WS_OPEN = 1;

/**
 * Writes encoded events (one or more, in order) to one Engine.IO connection. A WebSocket with
 * nothing queued in Engine.IO gets `frames` (their frames back to back) straight on its TCP
 * socket, in one write, which keeps write order; anything else (long-polling, an upgrade in
 * progress, packets waiting) goes through Engine.IO as usual, one packet per event.
 */
export function writeEncoded(connection: EngineSocket, events: readonly EncodedEvent[], frames: Buffer): void {
  if (connection.readyState !== 'open') return;
  const transport = connection.transport as { name: string; socket?: WebSocketLike };
  const sender = transport.name === 'websocket' ? transport.socket?._sender : undefined;
  if (
    sender?.sendFrame &&
    transport.socket!.readyState === WS_OPEN &&
    (connection as unknown as { writeBuffer: unknown[] }).writeBuffer.length === 0
  ) {
    sender.sendFrame([frames]);
    return;
  }
  for (const encoded of events) connection.write(encoded.text, { wsPreEncodedFrame: [encoded.frame] } as never);
}

/**
 * Whether a connection's client is more than `maxBytes` or `maxPackets` behind reading what it
 * was sent: the bytes its WebSocket holds (`ws`'s bufferedAmount) and the packets Engine.IO
 * holds back meanwhile (its write buffer, which grows while a send waits for the socket to
 * drain). Long-polling queues are bounded by Engine.IO's heartbeat. Asked on every live write,
 * so it allocates nothing.
 */
export function isBehind(connection: EngineSocket, maxBytes: number, maxPackets: number): boolean {
  if ((connection as unknown as { writeBuffer: unknown[] }).writeBuffer.length > maxPackets) return true;
  const transport = connection.transport as { name: string; socket?: { bufferedAmount?: number } };
  return transport.name === 'websocket' && (transport.socket?.bufferedAmount ?? 0) > maxBytes;
}
