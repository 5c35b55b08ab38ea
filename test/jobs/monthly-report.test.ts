import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describeEachDb } from '../support/db';
import { buildMarchFixture } from '../support/reportFixture';
import { tempDir, testConfig, testContext } from '../support/config';
import { previousMonth, run } from '../../jobs/monthly-report';
import { lastRuns } from '../../src/db/jobRuns';

describeEachDb('monthly report job', (t) => {
  it('writes .xlsx and .pdf for the previous month by default, atomically, and logs the run', async () => {
    await buildMarchFixture(t().db);
    const out = tempDir('vs-report-');
    const ctx = testContext(t().db, testConfig(), new Date('2026-04-02T08:00:00Z'));
    const res = await run(ctx, { outDir: out });
    expect(res.month).to.equal('2026-03');
    expect(fs.readdirSync(out).sort()).to.deep.equal(['ddas-vroegsignalering-0384-2026-03-v1.2.json', 'maandrapportage-0384-2026-03.pdf', 'maandrapportage-0384-2026-03.xlsx']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'maandrapportage-0384-2026-03.xlsx'));
    expect(wb.getWorksheet('Samenvatting')).to.not.equal(undefined);
    const runs = await lastRuns(t().db, 'maandrapportage');
    expect(runs[0].status).to.equal('geslaagd');
    expect(runs[0].businessDate).to.equal('2026-03');
  });

  it('gives the same numbers for the same data, and an -extern file with small numbers', async () => {
    await buildMarchFixture(t().db);
    const out = tempDir('vs-report-');
    const ctx = testContext(t().db, testConfig(), new Date('2026-04-02T08:00:00Z'));
    const a = await run(ctx, { month: '2026-03', outDir: out });
    const b = await run(testContext(t().db, testConfig(), new Date('2026-06-15T08:00:00Z')), { month: '2026-03', outDir: out, smallNumbers: true });
    expect(JSON.stringify(b.report)).to.equal(JSON.stringify(a.report));
    expect(path.basename(b.files.pdf)).to.equal('maandrapportage-0384-2026-03-extern.pdf');
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.tmp'))).to.deep.equal([]);
  });

  it('refuses a bad or future month with a Dutch message and writes nothing', async () => {
    const out = tempDir('vs-report-');
    const ctx = testContext(t().db, testConfig(), new Date('2026-04-02T08:00:00Z'));
    for (const [month, msg] of [['2026-13', 'geen maand'], ['2026-05', 'nog niet begonnen']]) {
      let err: Error | null = null;
      await run(ctx, { month, outDir: out }).catch((e: Error) => { err = e; });
      expect(String(err)).to.contain(msg);
    }
    expect(fs.readdirSync(out)).to.deep.equal([]);
  });
});

describe('previous month', () => {
  it('is taken in Amsterdam time', () => {
    expect(previousMonth(new Date('2026-03-31T22:30:00Z'))).to.equal('2026-03'); // 1 April 00:30 in Amsterdam
    expect(previousMonth(new Date('2026-01-15T12:00:00Z'))).to.equal('2025-12');
  });
});
