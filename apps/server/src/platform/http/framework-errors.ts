/**
 * Errors Fastify answers itself, before routing, as problem+json like every other error. Its
 * defaults are plain JSON of another shape (and, below the HTTP layer, not even that).
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from './app-error';
import { sendProblem, toProblem } from './problem.filter';

/** A path Fastify's router cannot read: bad percent-encoding, or a path parameter over its length limit. */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  sendProblem(reply, request, frameworkProblem(error));
}

function frameworkProblem(error: FastifyError): unknown {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return AppError.validation([{ path: 'url', message: 'is not a valid address: the path has a bad percent-encoding (%XX)' }]);
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError(ErrorCode.UriTooLong, 'A path parameter is longer than 100 characters: no id is that long');
    default:
      return error;
  }
}

/**
 * A request Node's HTTP parser refuses (malformed, headers over 16 KB, too slow to arrive): no
 * request exists, so the answer is written to the socket, which then closes. A connection the
 * client already reset gets nothing.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { problem } = toProblem(clientProblem(error), '');
  const body = JSON.stringify(problem);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

function clientProblem(error: Error & { code?: string }): AppError {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new AppError(ErrorCode.HeadersTooLarge, 'The request line and headers together may be at most 16 KB');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new AppError(ErrorCode.RequestTimeout, 'The request did not arrive in time');
    default:
      return new AppError(ErrorCode.MalformedRequest, 'The request is not valid HTTP/1.1');
  }
}
