import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './support/config';
import { writeFileAtomic } from '../src/fsAtomic';

describe('writeFileAtomic', () => {
  it('replaces a file in one step and leaves no temporary file', () => {
    const dir = tempDir('vs-atomic-');
    const file = path.join(dir, 'sub', 'rapport.pdf');
    writeFileAtomic(file, 'eerste');
    writeFileAtomic(file, Buffer.from('tweede'));
    expect(fs.readFileSync(file, 'utf8')).to.equal('tweede');
    expect(fs.readdirSync(path.dirname(file))).to.deep.equal(['rapport.pdf']);
  });

  it('keeps the old file and removes the temporary one when writing fails', () => {
    const dir = tempDir('vs-atomic-');
    const file = path.join(dir, 'rapport.xlsx');
    writeFileAtomic(file, 'goed');
    expect(() => writeFileAtomic(file, 42 as unknown as string)).to.throw();
    expect(fs.readFileSync(file, 'utf8')).to.equal('goed');
    expect(fs.readdirSync(dir)).to.deep.equal(['rapport.xlsx']);
  });
});
