#!/usr/bin/env node
// The single `sluice` entry. It lives in cli/ (not controller/ or switch/) because it is the one
// place allowed to import both programs: the demo composes a controller with switches.
// reflect-metadata first: inversify reads decorator metadata as soon as decorated classes load.
import 'reflect-metadata';
import { Command } from 'commander';
import { runCtl } from '../controller/ctl/run-ctl.js';

const program = new Command();
program
  .name('sluice')
  .description('OpenFlow 1.3 SDN controller, software switch and gRPC northbound API')
  .version('0.1.0');

program
  .command('controller')
  .description('run the OpenFlow 1.3 controller (default listen tcp:0.0.0.0:6653)')
  .action(() => {
    console.error('sluice controller: not implemented yet');
    process.exitCode = 2;
  });

program
  .command('switch')
  .description('run the OpenFlow 1.3 software switch on Linux interfaces')
  .action(() => {
    console.error('sluice switch: not implemented yet');
    process.exitCode = 2;
  });

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

program
  .command('demo')
  .description('run the embedded demo: controller + in-process switches and hosts over loopback')
  .action(() => {
    program.outputHelp();
    console.log('\nstatus: OpenFlow 1.3 codec and core under construction; demo not yet available.');
  });

await program.parseAsync(process.argv);
