// Writes simulated traffic in the file forms ordertrack reads (SPEC §13): a source directory (one
// NDJSON file per topic, each in arrival order) or a tape (`{"topic","value"}` lines in exact
// arrival order), with the reference tables in `reference/` beside them. In a tape a message that
// is a JSON object is written as the value itself (readable); anything else (a malformed message)
// as a string value holding the raw text, which a reader parses like a broker message.
// Lines are written in whole chunks (NdjsonWriter), so a reader following a file never sees half
// a line; flush() pushes out what is buffered.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { TOPICS, type TopicName } from '../../engine/types.js';
import { UserError } from '../../errors.js';
import { prepareOutDir } from '../../sinks/out-paths.js';
import type { ReferenceSeed } from '../../sinks/store.js';
import { NdjsonWriter } from './ndjson-writer.js';
import { referencePaths, refuseClashingCsv, refuseOverwrite, writeReferenceFiles } from './reference-writer.js';
import type { SimMessage } from './simulator.js';

/** `replace`: write over the files there (--force); without it, files there are refused. */
export type SimOutput = { kind: 'directory'; dir: string; replace?: boolean } | { kind: 'tape'; file: string; replace?: boolean };


export class SourceWriter {
  /** Where it writes: the source directory, or the tape file. */
  readonly path: string;
  private readonly root: string;
  private readonly topics: Partial<Record<TopicName, NdjsonWriter>> = {};
  private readonly tape: NdjsonWriter | undefined;

  constructor(output: SimOutput) {
    this.path = resolve(output.kind === 'directory' ? output.dir : output.file);
    this.root = output.kind === 'directory' ? this.path : dirname(this.path);
    checkTarget(output, this.path, this.root);
    if (output.kind === 'tape') {
      this.tape = new NdjsonWriter(this.path);
    } else {
      for (const t of TOPICS) this.topics[t] = new NdjsonWriter(join(this.root, `${t}.ndjson`));
    }
  }

  /** Writes the reference tables (engine form; stock times as ISO text); returns rows per file. */
  writeReference(ref: ReferenceSeed): Record<string, number> {
    return writeReferenceFiles(this.root, ref);
  }

  write(m: SimMessage): void {
    if (this.tape) this.tape.line(`{"topic":"${m.topic}","value":${isObjectText(m.text) ? m.text : JSON.stringify(m.text)}}`);
    else this.topics[m.topic]!.line(m.text);
  }

  flush(): void {
    this.tape?.flush();
    for (const w of Object.values(this.topics)) w.flush();
  }

  /** Flushes and closes the files; returns lines per file, by path relative to the directory. */
  close(): Record<string, number> {
    const out: Record<string, number> = {};
    if (this.tape) {
      this.tape.close();
      out[this.path.slice(this.root.length + 1)] = this.tape.lines;
    }
    for (const [t, w] of Object.entries(this.topics)) {
      w.close();
      out[`${t}.ndjson`] = w.lines;
    }
    return out;
  }
}

/** Whether the text is one JSON object (so it can stand in a tape line as it is). */
function isObjectText(text: string): boolean {
  if (text.charCodeAt(0) !== 123 /* { */) return false;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/**
 * Makes the directory, and refuses targets a reader would then misread (a directory that holds a
 * tape, twin CSV tables) and files there unless `replace`.
 */
function checkTarget(output: SimOutput, path: string, root: string): void {
  const { kind } = output;
  const flag = kind === 'tape' ? '--tape' : '--out';
  prepareOutDir(root, flag);
  if (kind === 'directory' && existsSync(join(root, 'tape.ndjson'))) {
    throw new UserError(`${root} holds a tape.ndjson, which a reader would take instead of the topic files: pass another --out directory or remove it`);
  }
  if (kind === 'tape' && existsSync(path) && statSync(path).isDirectory()) throw new UserError(`${path} is a directory: pass a file path to --tape`);
  refuseClashingCsv(root, 'write elsewhere or remove it');
  const written = kind === 'tape' ? [path] : TOPICS.map((t) => join(root, `${t}.ndjson`));
  refuseOverwrite([...written, ...referencePaths(root)], output.replace, `another ${flag}`);
}
