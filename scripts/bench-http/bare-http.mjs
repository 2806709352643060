// The floor under every floor: Node's http server answering 200 with no work.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });
});
server.listen(Number(process.env.PORT ?? 3981), '127.0.0.1', () => {
  process.send?.({ ready: server.address().port });
});
