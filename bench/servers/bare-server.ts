// Baseline (a): a bare Node HTTP server that reads the body and answers 200, the physical limit of
// an HTTP ack on this machine.
import { createServer } from 'node:http';

createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
    res.end('ok');
  });
}).listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
