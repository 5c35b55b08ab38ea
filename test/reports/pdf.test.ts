import { expect } from 'chai';
import { PDFParse } from 'pdf-parse';
import { sqliteTestDb, type TestDb } from '../support/db';
import { buildMarchFixture } from '../support/reportFixture';
import { loadReportSnapshot } from '../../src/db/reportData';
import { buildMonthlyReport, type MonthlyReport } from '../../src/domain/reports/model';
import { renderPdf, PDF_DETAIL_LIMIT } from '../../reports/pdf';

const GENERATED = new Date('2026-04-02T08:00:00Z');
const RETENTION = { notPickedUpMonths: 6, closedCaseMonths: 12 };

async function pdfText(buf: Buffer): Promise<{ text: string; pages: number }> {
  const parser = new PDFParse({ data: new Uint8Array(buf) });
  try {
    const r = await parser.getText();
    // Table cells wrap: compare with runs of white space as one space.
    return { text: r.text.replace(/\s+/g, ' '), pages: r.total };
  } finally {
    await parser.destroy();
  }
}

describe('monthly report as PDF', () => {
  let t: TestDb;
  let report: MonthlyReport;
  before(async () => {
    t = await sqliteTestDb();
    await buildMarchFixture(t.db);
    report = buildMonthlyReport(await loadReportSnapshot(t.db, { month: '2026-03', gemeenteCode: '0384', homeGemeente: '0384', retention: RETENTION }));
  });
  after(() => t.close());

  it('has a title page, key figures, Dutch amounts, page numbers and the generation moment', async () => {
    const buf = await renderPdf(report, { smallNumbers: false, generatedAt: GENERATED });
    expect(buf.subarray(0, 5).toString()).to.equal('%PDF-');
    const { text, pages } = await pdfText(buf);
    expect(text).to.contain('Maandrapportage vroegsignalering');
    expect(text).to.contain('Gemeente Diemen');
    expect(text).to.contain('Maart 2026 (01-03-2026 t/m 31-03-2026)');
    expect(text).to.contain('Gemaakt op 02-04-2026 10:00 (Nederlandse tijd)'); // 08:00 UTC = 10:00 summer time
    expect(text).to.contain(`pagina 1 van ${pages}`);
    expect(text).to.contain(`pagina ${pages} van ${pages}`);
    expect(text).to.contain('Meldingen ontvangen 9 3 +6');
    expect(text).to.contain('Bereikt per contactpoging 42,9% 0,0% +42,9 pp');
    expect(text).to.contain('Goedgekeurd 2 € 2.150,50');
    expect(text).to.contain('regulier 3 € 4.700,00 € 1.700,00');
    expect(text).to.contain('Naleving: 8 overtreding(en) gevonden');
    expect(text).to.contain('Budgetbeheer gestart: aanvraag is aangevraagd');
    expect(text).to.contain('huurder te laat geïnformeerd op 27-03-2026 (uiterlijk 25-03-2026)');
    expect(text).to.contain('Meldingen en zaken per maand'); // chart
    expect(text).to.contain('mrt 26');
  });

  it('renders names with diacritics (embedded fonts)', async () => {
    const { text } = await pdfText(await renderPdf(report, { smallNumbers: false, generatedAt: GENERATED }));
    expect(text).to.contain('Gemeentelijke Kredietbank Één Loket');
    expect(text).to.contain('Huurder op tijd geïnformeerd');
    const fryslan = buildMonthlyReport(await loadReportSnapshot(t.db, { month: '2026-03', gemeenteCode: '1900', homeGemeente: '1900', retention: RETENTION }));
    const f = await pdfText(await renderPdf(fryslan, { smallNumbers: false, generatedAt: GENERATED }));
    expect(f.text).to.contain('Gemeente Súdwest-Fryslân');
    expect(f.text).to.contain('CBS-gemeentecode 1900');
  });

  it('holds no personal data and masks small numbers when asked', async () => {
    const { text } = await pdfText(await renderPdf(report, { smallNumbers: true, generatedAt: GENERATED }));
    for (const pd of ['Bërg', 'Zoë', 'Özdemir', 'REF-1', 'anna', 'bram']) expect(text).not.to.contain(pd);
    // 9 is published as 10 (rounded to fives), so it cannot be used to undo a masked "<5".
    expect(text).to.contain('Meldingen ontvangen 10 <5 —');
    expect(text).to.contain('aantallen van 1 tot en met 4 staan als "<5"');
    expect(text).to.contain('De grafiek met meldingen per maand is weggelaten');
    expect(text).not.to.contain('Meldingen en zaken per maand');
  });

  it('says explicitly when no violation was found, and caps long detail lists (the Excel has them all)', async () => {
    const clean: MonthlyReport = {
      ...report,
      compliance: { ...report.compliance, violations: [], total: 0, checks: report.compliance.checks.map((c) => ({ ...c, count: 0 })) },
      dataSharing: {
        ...report.dataSharing,
        passedOn: Array.from({ length: PDF_DETAIL_LIMIT + 5 }, (_, i) => ({ ...report.dataSharing.passedOn[0], caseRef: `VS-${String(i + 1).padStart(6, '0')}` })),
      },
    };
    const { text } = await pdfText(await renderPdf(clean, { smallNumbers: false, generatedAt: GENERATED }));
    expect(text).to.contain('Naleving: geen overtredingen gevonden.');
    expect(text).to.contain('Geen overtredingen gevonden. Alle controles hieronder geven 0.');
    expect(text).to.contain(`De eerste ${PDF_DETAIL_LIMIT} van ${PDF_DETAIL_LIMIT + 5} regels`);
    expect(text).to.contain('VS-000200');
    expect(text).not.to.contain('VS-000201');
  });
});
