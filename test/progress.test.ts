import { expect } from 'chai';
import { Writable } from 'node:stream';
import { createProgress, progressCallback } from '../src/progress';

function sink() {
  const chunks: string[] = [];
  return { stream: new Writable({ write(c, _e, cb) { chunks.push(String(c)); cb(); } }), text: () => chunks.join('') };
}

describe('progress', () => {
  it('writes plain lines (first, every ~10%, last) when not on a terminal', () => {
    const s = sink();
    const p = createProgress({ label: 'Verwerkingsdagen', total: 20, stream: s.stream });
    for (let i = 1; i <= 20; i++) p.update(i, `dag ${i}`);
    p.stop();
    expect(s.text().trim().split('\n')).to.deep.equal([
      'Verwerkingsdagen 1/20: dag 1', 'Verwerkingsdagen 3/20: dag 3', 'Verwerkingsdagen 5/20: dag 5', 'Verwerkingsdagen 7/20: dag 7',
      'Verwerkingsdagen 9/20: dag 9', 'Verwerkingsdagen 11/20: dag 11', 'Verwerkingsdagen 13/20: dag 13', 'Verwerkingsdagen 15/20: dag 15',
      'Verwerkingsdagen 17/20: dag 17', 'Verwerkingsdagen 19/20: dag 19', 'Verwerkingsdagen 20/20: dag 20',
    ]);
  });

  it('adapts to a job context progress callback and can be switched off', () => {
    const s = sink();
    const cb = progressCallback(createProgress({ label: 'Meldingen', total: 0, stream: s.stream, every: 100 }));
    cb(500, 1000, 'batch');
    cb(1000, 1000, 'batch');
    expect(s.text()).to.equal('Meldingen 500/1000: batch\nMeldingen 1000/1000: batch\n');
    const off = sink();
    createProgress({ label: 'x', total: 3, stream: off.stream, mode: 'off' }).update(3);
    expect(off.text()).to.equal('');
  });
});
