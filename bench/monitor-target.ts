// The target of `npm run bench:monitors`: a plain HTTP server on 127.0.0.1 in its own process,
// answering every request 200 with a short body. Prints its port on stdout.
import { createServer } from 'node:http';

const server = createServer((_req, res) => {
  res.setHeader('content-type', 'text/plain');
  res.end('ok');
});
server.keepAliveTimeout = 1_000;
// An optional port: a data dir kept from an earlier run has its monitors pointing at it.
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
