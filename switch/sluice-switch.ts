#!/usr/bin/env node
/**
 * Stand-alone entry for the switch, `node dist/switch/sluice-switch.js [options]`: the same
 * command as `sluice switch`, for harnesses (the Ryu switch tester) that want a target command
 * which loads only the switch.
 */
import { Command } from 'commander';
import { switchCommand } from './cli.js';

const program = new Command().name('sluice').addCommand(switchCommand(), { isDefault: true });
await program.parseAsync(process.argv);
