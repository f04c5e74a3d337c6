// The one entry of every command: `node --import tsx src/cli/main.ts <command> [flags]`.

import { COMMANDS } from './commands/index.js';
import { runCommand } from './framework/runCommand.js';

const [name, ...argv] = process.argv.slice(2);
const command = COMMANDS.find((c) => c.name === name);
if (command === undefined) {
  process.stderr.write(`unknown command "${name ?? ''}"; expected one of ${COMMANDS.map((c) => c.name).join(', ')}\n`);
  process.exit(2);
}
await runCommand(command, argv);
