import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a Postgres server that a test can cut (every connection dropped, new
 * ones refused, as when the database goes away) and restore, at the same address.
 */
export async function cuttableProxy(target: string) {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let listeningPort = 0;

  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const forward = (client: Socket) => {
    const upstream = connect(Number(port), hostname);
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  };
  const restore = () =>
    new Promise<void>((resolve) => {
      const listening = createServer(forward);
      server = listening;
      listening.listen(listeningPort, '127.0.0.1', () => {
        listeningPort = (listening.address() as { port: number }).port;
        resolve();
      });
    });
  const cut = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      if (server) server.close(() => resolve());
      else resolve();
      server = undefined;
    });

  await restore();
  return {
    /** `target` with the proxy's host and port. */
    url() {
      const url = new URL(target);
      url.hostname = '127.0.0.1';
      url.port = String(listeningPort);
      return url.toString();
    },
    cut,
    restore,
    close: cut,
  };
}
