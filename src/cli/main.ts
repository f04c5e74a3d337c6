// The one entry of every command: `node --import tsx src/cli/main.ts <command> [flags]`.

import { COMMAND_NAMES, loadCommand } from './commands/index.js';
import { runCommand } from './framework/runCommand.js';

const [name, ...argv] = process.argv.slice(2);
const command = await loadCommand(name ?? '');
if (command === undefined) {
  process.stderr.write(`unknown command "${name ?? ''}"; expected one of ${COMMAND_NAMES.join(', ')}\n`);
  process.exit(2);
}
await runCommand(command, argv);
