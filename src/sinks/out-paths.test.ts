import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/outputs.js';
import { UserError } from '../errors.js';
import { prepareOutDir, prepareOutFile } from './out-paths.js';

describe('prepareOutDir', () => {
  it('makes the directory and its missing parents, and takes one that exists', () => {
    const dir = join(tempDir('out-paths'), 'a', 'b', 'c');
    expect(prepareOutDir(dir)).toBe(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(prepareOutDir(dir)).toBe(dir);
  });

  it('refuses a path under a file, naming the file', () => {
    const file = join(tempDir('out-paths'), 'notes.txt');
    writeFileSync(file, 'x');
    expect(() => prepareOutDir(join(file, 'out'))).toThrow(new UserError(`--out ${file}/out: ${file} is a file, not a directory`));
    expect(() => prepareOutDir(file, '--reference')).toThrow(/^--reference .*notes\.txt: .*notes\.txt is a file/);
  });
});

describe('prepareOutFile', () => {
  it('makes the directory, leaves no file of its own behind, and leaves a file that is there as it was', () => {
    const dir = tempDir('out-paths');
    const fresh = join(dir, 'reports', 'r.json');
    expect(prepareOutFile(fresh)).toBe(fresh);
    expect(statSync(join(dir, 'reports')).isDirectory()).toBe(true);
    expect(existsSync(fresh)).toBe(false);
    const old = join(dir, 'old.json');
    writeFileSync(old, '{"kept":true}\n');
    prepareOutFile(old);
    expect(readFileSync(old, 'utf8')).toBe('{"kept":true}\n');
  });

  it('refuses a directory', () => {
    const dir = tempDir('out-paths');
    expect(() => prepareOutFile(dir)).toThrow(`--report ${dir} is a directory: pass a file name (e.g. ${dir}/summary.json)`);
  });
});
