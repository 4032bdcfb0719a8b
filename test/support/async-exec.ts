/**
 * Child processes that never block the event loop: system tests that run the switch (or a port)
 * in this process must keep it turning while a command runs, which execFileSync would not.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface Collected {
  /** stdout and stderr so far, interleaved as they arrived. */
  out(): string;
  /** The exit code (-1 when killed by a signal). */
  done: Promise<number>;
}

/** Gathers a child's output and exit code. */
export function collect(child: ChildProcess): Collected {
  let out = '';
  child.stdout?.on('data', (b: Buffer) => { out += b.toString(); });
  child.stderr?.on('data', (b: Buffer) => { out += b.toString(); });
  const done = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? -1)));
  return { out: () => out, done };
}

/** Starts `cmd` inside network namespace `ns`, stdout and stderr piped. */
export function spawnIn(ns: string, cmd: string, args: readonly string[]): ChildProcess {
  return spawn('ip', ['netns', 'exec', ns, cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs `cmd` in namespace `ns` to the end (SIGKILL after `timeoutMs`); its status and output. */
export async function execIn(ns: string, cmd: string, args: readonly string[], timeoutMs = 20_000): Promise<{ status: number; out: string }> {
  const child = spawnIn(ns, cmd, args);
  const c = collect(child);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const status = await c.done;
  clearTimeout(timer);
  return { status, out: c.out() };
}
