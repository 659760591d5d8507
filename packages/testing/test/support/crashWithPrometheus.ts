// Starts Prometheus through the helper, prints its pid and dir, then dies the way a test process can:
// `crash` throws an uncaught exception, `signal` is sent SIGTERM (as Jest does to a worker it gives up on).
import { startPrometheus } from '../../src/startPrometheus';

async function main(): Promise<void> {
  const prometheus = await startPrometheus();
  process.stdout.write(`${JSON.stringify({ pid: prometheus.pid, dir: prometheus.dir })}\n`);
  if (process.argv[2] === 'signal') process.kill(process.pid, 'SIGTERM');
  else
    setTimeout(() => {
      throw new Error('simulated crash of a test process');
    }, 0);
}

void main();
