/** Dutch terminal output for summaries and queues. */
import type { IntakeSummary } from '../db/summary';
import type { QueueListItem } from '../db/cases';
import { NOT_PICKED_UP_LABELS, type NotPickedUpReason } from '../domain/rules/events';
import { formatCents, formatDateNl, formatInt, table } from '../format';
import { workingDaysBetween } from '../domain/workdays';
import { CONTACT_STATUSES } from '../domain/caseFacts';

export function renderSummary(s: IntakeSummary): string {
  const period = s.from && s.to ? `${formatDateNl(s.from)} t/m ${formatDateNl(s.to)}` : 'alle verwerkte dagen';
  const lines: string[] = [];
  lines.push(`Samenvatting vroegsignalen — ${period}`);
  lines.push('');
  lines.push(`  Meldingen ontvangen          ${formatInt(s.received).padStart(7)}`);
  lines.push(`  Geaccepteerd                 ${formatInt(s.accepted).padStart(7)}`);
  lines.push(`  In quarantaine (fout)        ${formatInt(s.quarantined).padStart(7)}`);
  lines.push(`  Herhaalmeldingen             ${formatInt(s.repeats).padStart(7)}`);
  lines.push(`  Opgepakt                     ${formatInt(s.pickedUp).padStart(7)}`);
  lines.push(`  Niet opgepakt                ${formatInt(s.accepted - s.pickedUp).padStart(7)}`);
  for (const r of s.notPickedUp) {
    const label = NOT_PICKED_UP_LABELS[r.reason as NotPickedUpReason] ?? r.reason;
    lines.push(`    - ${label.padEnd(39)}${formatInt(r.count).padStart(5)}`);
  }
  lines.push(`  Zaken geopend                ${formatInt(s.cases.total).padStart(7)}   (open: ${formatInt(s.cases.open)}, zorgmelding vereist: ${formatInt(s.cases.zorgmeldingRequired)})`);
  if (s.quarantineReasons.length) {
    lines.push('');
    lines.push('Redenen van quarantaine (een melding kan meer redenen hebben):');
    for (const r of s.quarantineReasons) lines.push(`  ${formatInt(r.count).padStart(4)}  ${r.field}`);
    lines.push('  Bekijk en herstel met: npx vroegsignaal quarantine');
  }
  lines.push('');
  lines.push('Meldingen per partner:');
  lines.push(
    table(
      ['Partner', 'Soort', 'Ontvangen', 'Opgepakt'],
      s.perPartner.map((p) => [`${p.name} (${p.code})`, p.type, formatInt(p.received), formatInt(p.pickedUp)]),
      [2, 3],
    ).replace(/^/gm, '  '),
  );
  lines.push('');
  lines.push('Open zaken per werkvoorraad:');
  lines.push(
    table(
      ['Werkvoorraad', 'Open', 'Termijn verstreken'],
      s.queues.map((q) => [q.queue, formatInt(q.open), formatInt(q.overdue)]),
      [1, 2],
    ).replace(/^/gm, '  '),
  );
  return lines.join('\n');
}

export function groupQueues(items: QueueListItem[]): Array<{ queue: string; items: QueueListItem[] }> {
  const map = new Map<string, QueueListItem[]>();
  for (const i of items) map.set(i.queue, [...(map.get(i.queue) ?? []), i]);
  return [...map.entries()]
    .map(([queue, list]) => ({ queue, items: list }))
    .sort((a, b) => a.items[0].priority - b.items[0].priority || a.queue.localeCompare(b.queue));
}

export function renderQueues(items: QueueListItem[], today: string, top: number): string {
  if (items.length === 0) return 'Er zijn geen open zaken in de werkvoorraden.';
  const out: string[] = [];
  for (const g of groupQueues(items)) {
    // Over the term = first-contact deadline passed without contact (casework statuses).
    const overdue = g.items.filter((i) => i.deadline < today && !CONTACT_STATUSES.includes(i.status)).length;
    out.push(`Werkvoorraad ${g.queue}: ${formatInt(g.items.length)} zaken${overdue ? `, ${formatInt(overdue)} over termijn` : ''}`);
    out.push(
      table(
        ['Zaak', 'Prio', 'Termijn', 'Werkdagen', 'Status', 'Achterstand', 'Meldingen', 'Regel'],
        g.items.slice(0, top).map((i) => [
          i.reference + (i.zorgmeldingRequired ? ' (ZM)' : ''),
          i.priority,
          formatDateNl(i.deadline),
          workingDaysBetween(today, i.deadline),
          i.status,
          formatCents(i.latestArrearsCents),
          i.signalCount,
          i.decidedByRule ?? '(standaard)',
        ]),
        [1, 3, 5, 6],
      ).replace(/^/gm, '  '),
    );
    if (g.items.length > top) out.push(`  … en nog ${formatInt(g.items.length - top)} zaken`);
    out.push('');
  }
  out.push('(ZM) = zorgmelding vereist. Werkdagen: tot de termijn voor eerste contact, negatief = verstreken.');
  return out.join('\n');
}
