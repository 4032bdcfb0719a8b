#!/usr/bin/env node
// The single `sluice` entry. It lives in cli/ (not controller/ or switch/) because it is the one
// place allowed to import both programs: the demo composes a controller with switches.
// reflect-metadata first: inversify reads decorator metadata as soon as decorated classes load.
import 'reflect-metadata';
import { Command } from 'commander';
import { controllerCommand } from '../controller/cli.js';
import { runCtl } from '../controller/ctl/run-ctl.js';
import { switchCommand } from '../switch/cli.js';
import { demoCommand } from './demo/demo.js';

const program = new Command();
program
  .name('sluice')
  .description('OpenFlow 1.3 SDN controller, software switch and gRPC northbound API')
  .version('0.1.0');

program.addCommand(controllerCommand());
program.addCommand(switchCommand());
program.addCommand(demoCommand());

program
  .command('ctl')
  .description('query and drive a running controller over gRPC (sluice ctl --help)')
  .allowUnknownOption()
  .helpOption(false)
  .argument('[args...]')
  .action(async (args: string[]) => {
    const abort = new AbortController();
    process.once('SIGINT', () => abort.abort());
    process.exitCode = await runCtl(args, {
      stdout: (t) => process.stdout.write(t),
      stderr: (t) => process.stderr.write(t),
      signal: abort.signal,
    });
  });

await program.parseAsync(process.argv);
