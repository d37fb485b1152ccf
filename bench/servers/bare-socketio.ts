// Baseline for the realtime benchmarks: node:http + Socket.IO and nothing else. POST /emit
// broadcasts its JSON body to every socket as an "event"; /healthz answers 200. What it costs is
// the floor under Parley's webhook → database → relay → socket path on this machine, in this run.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const http = createServer((req, res) => {
  if (req.url === '/healthz') {
    res.end('ok');
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (req.method === 'POST' && req.url === '/emit')
      io.emit('event', JSON.parse(Buffer.concat(chunks).toString()));
    res.writeHead(200, { 'content-length': '2' });
    res.end('ok');
  });
});
const io = new Server(http, { path: '/realtime', perMessageDeflate: false, httpCompression: false });
http.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
