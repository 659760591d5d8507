import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** FakeApi is a running fake api process and its base URL. */
export interface FakeApi {
  url: string;
  stop: () => Promise<void>;
}

/** startFakeApi starts test/support/fakeApi.cjs in its own Node process (socket.io cannot load under jsdom). */
export function startFakeApi(): Promise<FakeApi> {
  const child: ChildProcess = fork(path.join(__dirname, 'fakeApi.cjs'), [], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (message) => {
      const { port } = message as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
