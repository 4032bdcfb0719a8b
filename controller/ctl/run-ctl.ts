/**
 * `sluice ctl`: a command-line client of the northbound API.
 *
 * `runCtl(argv, io)` takes the arguments after "ctl" and returns the exit code, writing only
 * through `io`, so the CLI dispatcher and tests call it the same way. Exit codes: 0 success,
 * 1 the call failed (one line naming the status, plus any field violations), 2 usage error.
 * When the controller cannot be reached at all, the one line says so and where.
 */
import { readFileSync } from 'node:fs';
import { connectivityState, status } from '@grpc/grpc-js';
import { fieldViolationsOf } from '../northbound/status-details.js';
import { CTL_USAGE, parseCtlArgs } from './ctl-args.js';
import { isServiceError, SluiceClient } from './ctl-client.js';
import { CTL_COMMANDS, CtlUsageError, type CtlIo } from './ctl-commands.js';

export type { CtlIo } from './ctl-commands.js';

export async function runCtl(argv: readonly string[], io: CtlIo, env: Readonly<Record<string, string | undefined>> = process.env): Promise<number> {
  const opts = parseCtlArgs(argv, env);
  if (typeof opts === 'string') {
    io.stderr(`sluice ctl: ${opts}\n${CTL_USAGE}`);
    return 2;
  }
  if (opts.help || opts.command === '') {
    (opts.help ? io.stdout : io.stderr)(CTL_USAGE);
    return opts.help ? 0 : 2;
  }
  const command = CTL_COMMANDS[opts.command];
  if (!command) {
    io.stderr(`sluice ctl: unknown command "${opts.command}"\n${CTL_USAGE}`);
    return 2;
  }
  let tlsCa: Buffer | undefined;
  if (opts.tlsCa !== undefined) {
    try {
      tlsCa = readFileSync(opts.tlsCa);
    } catch (err) {
      io.stderr(`sluice ctl: --tls-ca: cannot read ${opts.tlsCa}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
      return 2;
    }
  }

  const client = new SluiceClient({ server: opts.server, token: opts.token, tlsCa, deadlineMs: opts.timeoutMs });
  try {
    return await command(client, opts, io);
  } catch (err) {
    if (err instanceof CtlUsageError) {
      io.stderr(`sluice ctl: ${err.message}\n`);
      return 2;
    }
    if (!isServiceError(err)) throw err;
    // UNAVAILABLE is also what the server says about a disconnected switch; only a channel that
    // never became ready means the controller itself is out of reach.
    const channelUp = client.connectivity() === connectivityState.READY;
    if ((err.code === status.UNAVAILABLE || err.code === status.DEADLINE_EXCEEDED) && !channelUp) {
      io.stderr(`sluice ctl: cannot reach sluice controller at ${opts.server}: ${err.details}\n`);
      return 1;
    }
    io.stderr(`sluice ctl: ${status[err.code]}: ${err.details}\n`);
    for (const v of fieldViolationsOf(err.metadata)) io.stderr(`  ${v.field}: ${v.description}\n`);
    return 1;
  } finally {
    client.close();
  }
}
