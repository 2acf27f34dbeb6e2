// What-if experiment for the benchmarks only (the application is not changed): preloaded into
// our server with `node --import`, it hands jsonwebtoken a KeyObject made once from the string
// secret, instead of the string. jsonwebtoken 9 turns a string secret into a key on every
// sign/verify by first trying createPublicKey(), which always fails for an HMAC secret and is
// expensive (auth0/node-jsonwebtoken#1046); with a KeyObject it skips that step. The keys and
// the tokens are the same: HS256 over the bytes of the same secret.
//
//   node bench/run.mjs --what-if=jwt-keyobject --only=list,detail
import { Buffer } from 'node:buffer';
import { createSecretKey } from 'node:crypto';
import { createRequire } from 'node:module';
import { URL, fileURLToPath } from 'node:url';

const require = createRequire(fileURLToPath(new URL('../../apps/server/package.json', import.meta.url)));
const jwt = require('jsonwebtoken');
const keys = new Map();
const keyFor = (secret) => {
  if (typeof secret !== 'string') return secret;
  if (!keys.has(secret)) keys.set(secret, createSecretKey(Buffer.from(secret)));
  return keys.get(secret);
};
const { sign, verify } = jwt;
jwt.sign = (payload, secret, ...rest) => sign(payload, keyFor(secret), ...rest);
jwt.verify = (token, secret, ...rest) => verify(token, keyFor(secret), ...rest);
