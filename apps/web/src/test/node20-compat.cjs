/*
 * Loaded (node --require) into the web test workers only. jsdom 31 targets Node 22+: it uses
 * iterator helpers and Promise.withResolvers (also inside the window's own VM realm), zlib's zstd and
 * worker_threads.markAsUncloneable, which Node 20 (this project's runtime) lacks. These
 * stand-ins let jsdom load; the tests never decode zstd or clone across threads. On Node 22+
 * nothing below changes anything.
 */
const vm = require('node:vm');
const zlib = require('node:zlib');
const workerThreads = require('node:worker_threads');

if (typeof zlib.createZstdDecompress !== 'function') {
  zlib.createZstdDecompress = () => {
    throw new Error('zstd is not available on this Node version');
  };
}
if (typeof workerThreads.markAsUncloneable !== 'function') workerThreads.markAsUncloneable = () => undefined;

/** Defines `Iterator`, its helpers and `Promise.withResolvers` in one realm (stringified to run inside VM contexts). */
function installMissingBuiltins(realm) {
  if (typeof realm.Promise.withResolvers !== 'function') {
    realm.Promise.withResolvers = function withResolvers() {
      let resolve;
      let reject;
      const promise = new this((onResolve, onReject) => {
        resolve = onResolve;
        reject = onReject;
      });
      return { promise, resolve, reject };
    };
  }
  const prototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  if (typeof realm.Iterator === 'undefined') {
    const Iterator = function Iterator() {};
    Iterator.prototype = prototype;
    Object.defineProperty(realm, 'Iterator', { value: Iterator, writable: true, configurable: true });
  }
  const helpers = {
    *map(fn) {
      let index = 0;
      for (const value of this) yield fn(value, index++);
    },
    *filter(fn) {
      let index = 0;
      for (const value of this) if (fn(value, index++)) yield value;
    },
    *take(limit) {
      let index = 0;
      if (limit <= 0) return;
      for (const value of this) {
        yield value;
        if (++index >= limit) return;
      }
    },
    *drop(count) {
      let index = 0;
      for (const value of this) if (index++ >= count) yield value;
    },
    *flatMap(fn) {
      let index = 0;
      for (const value of this) yield* fn(value, index++);
    },
    find(fn) {
      let index = 0;
      for (const value of this) if (fn(value, index++)) return value;
      return undefined;
    },
    some(fn) {
      let index = 0;
      for (const value of this) if (fn(value, index++)) return true;
      return false;
    },
    every(fn) {
      let index = 0;
      for (const value of this) if (!fn(value, index++)) return false;
      return true;
    },
    forEach(fn) {
      let index = 0;
      for (const value of this) fn(value, index++);
    },
    toArray() {
      return [...this];
    },
    reduce(fn, ...initial) {
      let index = 0;
      let started = initial.length > 0;
      let accumulator = initial[0];
      for (const value of this) {
        if (!started) {
          accumulator = value;
          started = true;
        } else accumulator = fn(accumulator, value, index);
        index++;
      }
      return accumulator;
    },
  };
  for (const [name, fn] of Object.entries(helpers)) {
    if (!(name in prototype)) Object.defineProperty(prototype, name, { value: fn, writable: true, configurable: true });
  }
}

if (typeof globalThis.Iterator === 'undefined' || typeof Promise.withResolvers !== 'function') {
  installMissingBuiltins(globalThis);
  const source = `(${installMissingBuiltins.toString()})(globalThis)`;
  const createContext = vm.createContext;
  vm.createContext = function createContextWithBuiltins(...args) {
    const context = createContext.apply(this, args);
    vm.runInContext(source, context);
    return context;
  };
}
