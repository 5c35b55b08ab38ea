import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { sqliteTestDb, type TestDb } from '../support/db';
import { buildMarchFixture } from '../support/reportFixture';
import { loadReportSnapshot } from '../../src/db/reportData';
import { buildMonthlyReport, type MonthlyReport } from '../../src/domain/reports/model';
import { excelDate, renderXlsx, sheetName } from '../../reports/xlsx';

const GENERATED = new Date('2026-04-02T08:00:00Z');

async function read(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** The data rows of a table sheet as {header: cell} objects. */
function rowsOf(ws: ExcelJS.Worksheet): { header: number; rows: Array<Record<string, ExcelJS.Cell>> } {
  const split = (ws.views[0] as { ySplit?: number }).ySplit!;
  const headers = (ws.getRow(split).values as unknown[]).slice(1).map(String);
  const rows: Array<Record<string, ExcelJS.Cell>> = [];
  for (let i = split + 1; i <= ws.rowCount; i += 1) {
    const row = ws.getRow(i);
    if (!row.hasValues) break;
    rows.push(Object.fromEntries(headers.map((h, c) => [h, row.getCell(c + 1)])));
  }
  return { header: split, rows };
}

describe('monthly report as Excel', () => {
  let t: TestDb;
  let report: MonthlyReport;
  before(async () => {
    t = await sqliteTestDb();
    await buildMarchFixture(t.db);
    report = buildMonthlyReport(await loadReportSnapshot(t.db, {
      month: '2026-03', gemeenteCode: '0384', homeGemeente: '0384', retention: { notPickedUpMonths: 6, closedCaseMonths: 12 },
    }));
  });
  after(() => t.close());

  it('has a summary and one sheet per section, with valid names', async () => {
    const wb = await read(await renderXlsx(report, { smallNumbers: false, generatedAt: GENERATED }));
    expect(wb.worksheets.map((w) => w.name)).to.deep.equal([
      'Samenvatting', 'Meldingen per partner', 'Meldingen per soort partner', 'Niet opgepakt', 'Contactpogingen', 'Termijnen',
      'Doorlooptijd', 'Routes', 'Toestemmingen', 'Budgetbeheer', 'Zorgmeldingen', 'Afgesloten zaken', 'Werkvoorraad',
      'Werkvoorraad per wachtrij', 'Achterstand bij intake', 'Trend', 'Ontvangen gegevens', 'Doorgegeven gegevens', 'Inzage',
      'Verwijderd', 'Naleving',
    ]);
    for (const ws of wb.worksheets) {
      expect(ws.name.length).to.be.at.most(31);
      expect(ws.name).not.to.match(/[/\\?*:[\]]/);
      const view = ws.views[0] as { state?: string; ySplit?: number };
      expect(view.state, ws.name).to.equal('frozen');
      expect(ws.autoFilter, ws.name).to.not.equal(undefined);
      expect(ws.getColumn(1).width, ws.name).to.be.greaterThan(8);
    }
    expect(sheetName('Toestemming / grondslag [a]: een veel te lange naam', new Set())).to.equal('Toestemming - grondslag -a-- ee');
    const used = new Set<string>();
    expect([sheetName('Blad', used), sheetName('blad', used)]).to.deep.equal(['Blad', 'blad 2']);
  });

  it('writes the key figures as numbers with Dutch display formats', async () => {
    const wb = await read(await renderXlsx(report, { smallNumbers: false, generatedAt: GENERATED }));
    const ws = wb.getWorksheet('Samenvatting')!;
    expect(ws.getCell('A1').value).to.equal('Maandrapportage vroegsignalering — Diemen, maart 2026');
    const { rows } = rowsOf(ws);
    const byLabel = Object.fromEntries(rows.map((r) => [String(r.Kerncijfer.value), r]));
    expect(byLabel['Meldingen ontvangen']['maart 2026'].value).to.equal(9)
    expect(byLabel['Meldingen ontvangen']['februari 2026'].value).to.equal(3);
    expect(byLabel['Meldingen ontvangen'].Verschil.value).to.equal(6);
    expect(byLabel['Meldingen ontvangen']['maart 2026'].numFmt).to.equal('#,##0');
    expect(byLabel['Bereikt per contactpoging']['maart 2026'].value).to.be.closeTo(0.429, 1e-9);
    expect(byLabel['Bereikt per contactpoging']['maart 2026'].numFmt).to.equal('0.0%');
    expect(byLabel['Bereikt per contactpoging'].Verschil.value).to.equal(42.9);
    expect(byLabel['Bereikt per contactpoging'].Verschil.numFmt).to.equal('+0.0" pp";-0.0" pp";0.0" pp"');
    const texts = (ws.getColumn(1).values as unknown[]).map(String);
    expect(texts).to.include('Budgetbeheer zonder goedkeuring van de gemeente');
    expect(texts).to.include('Totaal 8 overtreding(en); zie blad Naleving.');
  });

  it('writes amounts in euros with the € format and dates on the right day', async () => {
    const wb = await read(await renderXlsx(report, { smallNumbers: false, generatedAt: GENERATED }));
    const bm = rowsOf(wb.getWorksheet('Budgetbeheer')!).rows;
    const approved = bm.find((r) => r.Onderdeel.value === 'Goedgekeurd')!;
    expect(approved['Kosten gemeente'].value).to.equal(2150.5);
    expect(approved['Kosten gemeente'].numFmt).to.equal('[$€-413] #,##0.00');
    const arrears = rowsOf(wb.getWorksheet('Achterstand bij intake')!).rows;
    expect(arrears.map((r) => [r.Werkvoorraad.value, r['Nieuwe zaken'].value, r['Totaal achterstand'].value, r['Mediaan achterstand'].value]))
      .to.deep.equal([['regulier', 3, 4700, 1700], ['spoed', 1, 3400, 3400]]);
    const passed = rowsOf(wb.getWorksheet('Doorgegeven gegevens')!).rows;
    const first = passed[0].Datum;
    expect(first.numFmt).to.equal('dd-mm-yyyy');
    expect((first.value as Date).toISOString()).to.equal('2026-03-05T00:00:00.000Z');
    expect(passed.map((r) => r.Zaak.value)).to.include('VS-000003');
    expect(passed[0].Aan.value).to.equal('Eigen netwerk');
    const violations = rowsOf(wb.getWorksheet('Naleving')!).rows;
    expect(violations).to.have.length(8);
    expect((violations[2].Datum.value as Date).toISOString().slice(0, 10)).to.equal('2026-03-04');
    expect(excelDate('2026-03-15').toISOString()).to.equal('2026-03-15T00:00:00.000Z');
    const trend = rowsOf(wb.getWorksheet('Trend')!).rows;
    expect(trend).to.have.length(12);
    expect((trend[11].Maand.value as Date).toISOString().slice(0, 10)).to.equal('2026-03-01');
    expect(trend[11].Maand.numFmt).to.equal('mmmm yyyy');
    expect(trend[11].Ontvangen.value).to.equal(9);
  });

  it('per partner, with names with diacritics, and no personal data', async () => {
    const buf = await renderXlsx(report, { smallNumbers: false, generatedAt: GENERATED });
    const wb = await read(buf);
    const partners = rowsOf(wb.getWorksheet('Meldingen per partner')!).rows;
    expect(partners.map((r) => [r.Partner.value, r.Ontvangen.value, r.Geaccepteerd.value])).to.deep.equal([
      ['Gemeentelijke Kredietbank Één Loket', 1, 2], ['partner onbekend of onleesbaar', 1, 0], ['Vattenfall', 2, 2], ['Woningcorporatie Eigen Haard', 5, 4],
    ]);
    const all: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => { all.push(String(c.value)); })));
    const text = all.join('|');
    for (const pd of ['Bërg', 'Zoë', 'Özdemir', 'REF-1', 'anna', 'bram']) expect(text).not.to.contain(pd);
  });

  it('shows counts below 5 as "<5" when asked', async () => {
    const wb = await read(await renderXlsx(report, { smallNumbers: true, generatedAt: GENERATED }));
    const byLabel = Object.fromEntries(rowsOf(wb.getWorksheet('Samenvatting')!).rows.map((r) => [String(r.Kerncijfer.value), r]));
    expect(byLabel['Meldingen ontvangen']['maart 2026'].value).to.equal(10); // 9, rounded to fives
    expect(byLabel['Meldingen ontvangen']['februari 2026'].value).to.equal('<5');
    expect(byLabel['Meldingen ontvangen'].Verschil.value).to.equal('—');
    expect(byLabel['Open zaken einde maand']['maart 2026'].value).to.equal(5);
    const partners = rowsOf(wb.getWorksheet('Meldingen per partner')!).rows;
    expect(partners[3].Ontvangen.value).to.equal(5);
    expect(partners[3].Geaccepteerd.value).to.equal('<5');
    expect(partners[1].Geaccepteerd.value).to.equal(0);
    expect(String(wb.getWorksheet('Samenvatting')!.getCell('A4').value)).to.contain('"<5"');
  });
});
