import type { Server, ServerResponse } from 'node:http';

/**
 * What a SIGTERM needs from the HTTP server (issue #20 §12): stop accepting connections, let the
 * requests in flight finish, and close every keep-alive connection as soon as it has nothing to do,
 * instead of waiting for the clients (a browser keeps one open for minutes) until the ceiling.
 * Call at start-up: it follows the responses in flight from then on.
 */
export function gracefulCloser(server: Server): (ceilingMs: number) => Promise<void> {
  const unanswered = new Set<ServerResponse>();
  let closing = false;
  server.on('request', (_request, response: ServerResponse) => {
    // a request arriving on a kept-alive connection while closing is answered, then the connection ends
    if (closing) response.setHeader('Connection', 'close');
    unanswered.add(response);
    response.on('close', () => unanswered.delete(response));
  });
  return (ceilingMs) => {
    closing = true;
    for (const response of unanswered) if (!response.headersSent) response.setHeader('Connection', 'close');
    return new Promise<void>((resolve) => {
      // a streamed answer whose headers were already sent leaves its connection idle once done
      const sweep = setInterval(() => server.closeIdleConnections(), 100);
      const ceiling = setTimeout(() => {
        server.closeAllConnections();
        resolve();
      }, ceilingMs);
      server.close(() => {
        clearInterval(sweep);
        clearTimeout(ceiling);
        resolve();
      });
      server.closeIdleConnections();
    });
  };
}
