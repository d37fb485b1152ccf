// A Socket.IO client of a test server, authenticated with a token, connected before it is used.
import { REALTIME_PATH } from '@parley/sync';
import { io as connect, type Socket } from 'socket.io-client';

/** A socket with `token`; `waitConnected: false` hands it back before the handshake ends. */
export async function openSocket(baseUrl: string, token: string, waitConnected = true): Promise<Socket> {
  const socket = connect(baseUrl, {
    path: REALTIME_PATH,
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
  });
  if (!waitConnected) return socket;
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', () => resolve());
    socket.on('connect_error', reject);
  });
  return socket;
}
