// `ordertrack console`: the operations console over a store that a live run writes to.
import { existsSync } from 'node:fs';
import { UserError } from '../../errors.js';
import { StoreFeed } from '../../runtime/console-feed.js';
import { consoleUnavailable, runConsole } from '../../ui/run-console.js';
import { EXIT_OK } from '../exit.js';
import { operatorName } from './run-flags.js';

export interface ConsoleFlags {
  store: string;
  operator?: string;
  readOnly?: boolean;
}

export async function consoleCommand(flags: ConsoleFlags): Promise<number> {
  const why = consoleUnavailable(process.stdout, process.stdin);
  if (why) throw new UserError(why);
  if (!existsSync(flags.store)) {
    throw new UserError(`no store at ${flags.store}: start \`ordertrack run --store ${flags.store}\` first (or \`ordertrack demo\`)`);
  }
  const feed = new StoreFeed({ store: flags.store, operator: operatorName(flags.operator), readOnly: flags.readOnly });
  try {
    feed.start();
    await runConsole(feed);
    return EXIT_OK;
  } finally {
    feed.close();
  }
}
