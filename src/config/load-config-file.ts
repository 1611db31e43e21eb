// Reads the JSON config file of `--config` (the thin, impure step next to stream-config.ts).
import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import type { ConfigFile } from './stream-config.js';

export function loadConfigFile(path: string | undefined): ConfigFile {
  if (path === undefined) return {};
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read config file ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'}): check the --config path`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UserError(`config file ${path} is not JSON (${(err as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UserError(`config file ${path} must hold a JSON object`);
  return value as ConfigFile;
}
