// Bench upstream: the cheapest possible HTTP answer, so the proxies are what is measured.
import { createServer } from 'node:http';

const body = Buffer.from('{"ok":true}');
createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
