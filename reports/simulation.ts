/**
 * The simulation report as an .xlsx a policy officer can share: a summary sheet and one row per
 * decision that would change, with Dutch headers, a frozen header row, a filter, real numbers and
 * real dates (date-only values as UTC midnight, so Dutch Excel shows the right day). Pseudonymised
 * references only (VS-…, M-…), no personal data.
 */
import type ExcelJS from 'exceljs';

/** exceljs is loaded on first use, so CLI commands that write no workbook start faster. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const excel = (): typeof ExcelJS => require('exceljs') as typeof ExcelJS;
import { CHANGE_KINDS, CHANGE_LABELS, type SimulationResult } from '../src/services/simulate';
import { formatDateNl } from '../src/domain/dates';

const utcDate = (d: string | null): Date | null => (d ? new Date(`${d}T00:00:00Z`) : null);
const yesNo = (v: boolean | null): string => (v === null ? '' : v ? 'ja' : 'nee');

/** Builds the workbook (no file access), so tests can read it back from a buffer too. */
export function buildSimulationWorkbook(r: SimulationResult, generatedAt: Date): ExcelJS.Workbook {
  const wb = new (excel().Workbook)();
  wb.creator = 'Vroegsignaal';
  wb.created = generatedAt;
  wb.modified = generatedAt;

  const sum = wb.addWorksheet('Samenvatting', { views: [{ state: 'frozen', ySplit: 1 }] });
  sum.columns = [
    { header: 'Onderdeel', key: 'k', width: 48 },
    { header: 'Waarde', key: 'v', width: 28 },
  ];
  sum.getRow(1).font = { bold: true };
  const period = `${r.from ? formatDateNl(r.from) : 'begin'} t/m ${r.to ? formatDateNl(r.to) : 'nu'}`;
  sum.addRow({ k: 'Periode (verwerkingsdatum)', v: period });
  sum.addRow({ k: 'Kandidaat-regelset (versie)', v: r.candidateVersion });
  sum.addRow({ k: 'Regelset(s) die toen golden', v: r.actualVersions.join(', ') || '(geen beslissingen)' });
  sum.addRow({ k: 'Opnieuw beoordeelde meldingen (intake)', v: r.evaluated.intake });
  sum.addRow({ k: 'Opnieuw beoordeelde escalatiebeslissingen', v: r.evaluated.escalation });
  sum.addRow({ k: 'Zaken zonder escalatiebeslissing, beoordeeld bij opening', v: r.evaluated.atOpening });
  sum.addRow({ k: 'Zaken/meldingen met een verschil', v: r.changedReferences });
  for (const k of CHANGE_KINDS) sum.addRow({ k: `  waarvan anders: ${CHANGE_LABELS[k]}`, v: r.counts[k] });
  sum.getColumn('v').alignment = { horizontal: 'left' };

  const ws = wb.addWorksheet('Verschillen', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: 'Zaak / melding', key: 'ref', width: 14 },
    { header: 'Fase', key: 'phase', width: 10 },
    { header: 'Grondslag', key: 'basis', width: 22 },
    { header: 'Verwerkingsdatum', key: 'date', width: 16, style: { numFmt: 'dd-mm-yyyy' } },
    { header: 'Wat verandert', key: 'changes', width: 30 },
    { header: 'Opgepakt (nu)', key: 'pa', width: 12 },
    { header: 'Opgepakt (kandidaat)', key: 'pb', width: 12 },
    { header: 'Reden niet oppakken (nu)', key: 'ra', width: 18 },
    { header: 'Reden niet oppakken (kandidaat)', key: 'rb', width: 18 },
    { header: 'Werkvoorraad (nu)', key: 'qa', width: 18 },
    { header: 'Werkvoorraad (kandidaat)', key: 'qb', width: 18 },
    { header: 'Prioriteit (nu)', key: 'pra', width: 10, style: { numFmt: '0' } },
    { header: 'Prioriteit (kandidaat)', key: 'prb', width: 10, style: { numFmt: '0' } },
    { header: 'Termijn (nu)', key: 'da', width: 12, style: { numFmt: 'dd-mm-yyyy' } },
    { header: 'Termijn (kandidaat)', key: 'db', width: 12, style: { numFmt: 'dd-mm-yyyy' } },
    { header: 'Zorgmelding (nu)', key: 'za', width: 12 },
    { header: 'Zorgmelding (kandidaat)', key: 'zb', width: 12 },
    { header: 'Regel (nu)', key: 'rua', width: 20 },
    { header: 'Regel (kandidaat)', key: 'rub', width: 20 },
    { header: 'Regelsetversie (nu)', key: 'ver', width: 14 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const row of r.rows) {
    ws.addRow({
      ref: row.reference,
      phase: row.phase,
      basis: row.basis === 'opgeslagen' ? 'opgeslagen beslissing' : 'zaak bij opening',
      date: utcDate(row.businessDate),
      changes: row.changes.map((c) => CHANGE_LABELS[c]).join('; '),
      pa: yesNo(row.actual.pickedUp),
      pb: yesNo(row.candidate.pickedUp),
      ra: row.actual.reason ?? '',
      rb: row.candidate.reason ?? '',
      qa: row.actual.queue ?? '',
      qb: row.candidate.queue ?? '',
      pra: row.actual.priority,
      prb: row.candidate.priority,
      da: utcDate(row.actual.deadline),
      db: utcDate(row.candidate.deadline),
      za: yesNo(row.actual.zorgmelding),
      zb: yesNo(row.candidate.zorgmelding),
      rua: row.actual.rule ?? '(standaard)',
      rub: row.candidate.rule ?? '(standaard)',
      ver: row.actualVersion,
    });
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ws.columns.length } };
  return wb;
}

export async function writeSimulationXlsx(r: SimulationResult, file: string, generatedAt: Date): Promise<void> {
  await buildSimulationWorkbook(r, generatedAt).xlsx.writeFile(file);
}
