// CPU accounting from /proc (Linux): the machine's busy share and one process's CPU seconds over an interval, so a
// result can say how loaded the shared machine was and what each system under test cost per alert.
import { readFileSync } from 'node:fs';

const TICKS_PER_S = 100; // USER_HZ on Linux

function machine() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + (f[4] ?? 0);
  return { total: f.reduce((a, b) => a + b, 0), idle };
}

function processSeconds(pid) {
  try {
    // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
    const rest = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(rest[11]) + Number(rest[12])) / TICKS_PER_S;
  } catch {
    return NaN;
  }
}

/** startCpuMeter starts measuring; stop() returns the machine's busy share (0-1) and each pid's CPU seconds. */
export function startCpuMeter(pids) {
  const m0 = machine();
  const p0 = pids.map(processSeconds);
  return {
    stop() {
      const m1 = machine();
      const busy = 1 - (m1.idle - m0.idle) / Math.max(1, m1.total - m0.total);
      return { machineBusy: busy, seconds: pids.map((pid, i) => processSeconds(pid) - p0[i]) };
    },
  };
}
