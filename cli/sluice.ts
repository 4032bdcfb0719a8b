#!/usr/bin/env node
// The single `sluice` entry. It lives in cli/ (not controller/ or switch/) because it is the one
// place allowed to import both programs: the demo composes a controller with switches.
import { Command } from 'commander';

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
  .command('demo')
  .description('run the embedded demo: controller + in-process switches and hosts over loopback')
  .action(() => {
    program.outputHelp();
    console.log('\nstatus: OpenFlow 1.3 codec and core under construction; demo not yet available.');
  });

await program.parseAsync(process.argv);
