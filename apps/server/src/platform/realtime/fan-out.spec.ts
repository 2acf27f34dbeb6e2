import { describe, expect, it } from 'vitest';
import { FanOut } from './fan-out';

/** A fan-out whose "next turn of the event loop" runs only when the test says so. */
function harness(slice: number) {
  const written: string[] = [];
  const done: string[] = [];
  const turns: (() => void)[] = [];
  const fanOut = new FanOut<string, string>(
    (socket, event) => written.push(`${event}→${socket}`),
    (event) => done.push(event),
    // Deliveries are combined by joining their names, at most three.
    (first, next) => (first.split('+').length + next.split('+').length <= 3 ? `${first}+${next}` : null),
    slice,
    (run) => turns.push(run),
  );
  const nextTurn = () => {
    const run = turns.shift();
    if (!run) throw new Error('nothing scheduled');
    run();
  };
  return { fanOut, written, done, turns, nextTurn };
}

const sockets = (count: number) => Array.from({ length: count }, (_, index) => `s${index + 1}`);

describe('FanOut', () => {
  it('writes a small room at once, in one turn', () => {
    const { fanOut, written, done, turns } = harness(4);
    fanOut.enqueue(sockets(3), 'e1');
    expect(written).toEqual(['e1→s1', 'e1→s2', 'e1→s3']);
    expect(done).toEqual(['e1']);
    expect(turns).toHaveLength(0);
    expect(fanOut.pending).toBe(0);
  });

  it('writes a large room a slice per turn, so other work runs in between', () => {
    const { fanOut, written, done, nextTurn, turns } = harness(4);
    fanOut.enqueue(sockets(10), 'e1');
    // The caller gets the event loop back after one slice: an HTTP answer or a database reply
    // waiting behind this fan-out is handled before the rest is written.
    expect(written).toHaveLength(4);
    expect(fanOut.pending).toBe(6);
    expect(done).toEqual([]);
    nextTurn();
    expect(written).toHaveLength(8);
    nextTurn();
    expect(written).toHaveLength(10);
    expect(done).toEqual(['e1']);
    expect(turns).toHaveLength(0);
    expect(fanOut.pending).toBe(0);
  });

  it('keeps the order of events on every socket, also for events queued mid-fan-out', () => {
    const { fanOut, written, nextTurn, turns } = harness(3);
    fanOut.enqueue(sockets(5), 'e1');
    fanOut.enqueue(['s2', 's4'], 'e2'); // queued while e1 is half written
    fanOut.enqueue(sockets(2), 'e3'); // other sockets than e2: not combined with it
    while (turns.length > 0) nextTurn();
    const bySocket = new Map<string, string[]>();
    for (const entry of written) {
      const [event, socket] = entry.split('→') as [string, string];
      bySocket.set(socket, [...(bySocket.get(socket) ?? []), event]);
    }
    expect(Object.fromEntries(bySocket)).toEqual({
      s1: ['e1', 'e3'],
      s2: ['e1', 'e2', 'e3'],
      s3: ['e1'],
      s4: ['e1', 'e2'],
      s5: ['e1'],
    });
    // A slice continues with the next event when the current one ends inside it.
    expect(written.slice(3, 6)).toEqual(['e1→s4', 'e1→s5', 'e2→s2']);
  });

  it('combines deliveries queued back to back for the same sockets, in order, up to what merge accepts', () => {
    const { fanOut, written, done, nextTurn, turns } = harness(2);
    fanOut.enqueue(sockets(3), 'e1'); // started at once: never combined afterwards
    fanOut.enqueue(sockets(3), 'e2');
    fanOut.enqueue(sockets(3), 'e3');
    fanOut.enqueue(sockets(3), 'e4');
    fanOut.enqueue(sockets(3), 'e5');
    fanOut.enqueue(['s1'], 'e6');
    expect(fanOut.pending).toBe(14);
    while (turns.length > 0) nextTurn();
    expect(written).toEqual(['e1→s1', 'e1→s2', 'e1→s3', 'e2+e3+e4→s1', 'e2+e3+e4→s2', 'e2+e3+e4→s3', 'e5→s1', 'e5→s2', 'e5→s3', 'e6→s1']);
    expect(done).toEqual(['e1', 'e2+e3+e4', 'e5', 'e6']);
    expect(fanOut.pending).toBe(0);
  });

  it('a delivery queued from inside a write waits its turn instead of cutting in', () => {
    const written: string[] = [];
    const turns: (() => void)[] = [];
    const fanOut: FanOut<string, string> = new FanOut<string, string>(
      (socket, event) => {
        written.push(`${event}→${socket}`);
        if (event === 'e1' && socket === 's1') fanOut.enqueue(['s1'], 'e2');
      },
      () => undefined,
      () => null,
      10,
      (run) => turns.push(run),
    );
    fanOut.enqueue(sockets(2), 'e1');
    expect(written).toEqual(['e1→s1', 'e1→s2', 'e2→s1']);
  });

  it('clear drops what is queued', () => {
    const { fanOut, written, nextTurn } = harness(2);
    fanOut.enqueue(sockets(5), 'e1');
    fanOut.clear();
    nextTurn();
    expect(written).toEqual(['e1→s1', 'e1→s2']);
    expect(fanOut.pending).toBe(0);
    fanOut.enqueue(sockets(1), 'e2');
    expect(written.at(-1)).toBe('e2→s1');
  });
});
