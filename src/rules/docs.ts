/**
 * The README's vocabulary for policy staff (facts, operators, events, defaults in test cases),
 * generated from the fact registry and the event table so the documentation cannot drift from what
 * the validator accepts. `scripts/gen-docs.ts` writes it; a test fails when README.md is stale.
 */
import { FACTS, OPERATORS_BY_TYPE, OPERATOR_LABELS, type FactDefinition } from '../domain/facts';
import { EVENTS, NOT_PICKED_UP_LABELS, NOT_PICKED_UP_REASONS } from '../domain/rules/events';
import { quietValue } from '../domain/rules/analyse';

export const VOCABULARY_START = '<!-- rules:vocabulary -->';
export const VOCABULARY_END = '<!-- /rules:vocabulary -->';

const TYPE_LABELS: Record<FactDefinition['type'], string> = {
  bedrag: 'bedrag (euro, getal met punt: `1250.50`)',
  getal: 'getal',
  jaNee: 'ja/nee (`true` / `false`)',
  keuze: 'keuze (tekst uit een vaste lijst)',
};

const cell = (s: string) => s.replace(/\|/g, '\\|');

function example(f: FactDefinition): string {
  const op = f.type === 'bedrag' || f.type === 'getal' ? 'greaterThanInclusive' : 'equal';
  return `\`{ "fact": "${f.name}", "operator": "${op}", "value": ${JSON.stringify(f.example)} }\``;
}

/** The generated Markdown (without the markers). */
export function vocabularyMarkdown(): string {
  const out: string[] = [];
  out.push('### Feiten (gegenereerd uit `src/domain/facts.ts`)');
  out.push('');
  out.push('Dit zijn alle feiten die een regel mag gebruiken. Een ander feit, een operator die niet bij het type past of een');
  out.push('waarde van het verkeerde soort wordt door `rules check` geweigerd. "Onbekend" betekent: de waarde is `null`, omdat');
  out.push('de partner het gegeven niet meestuurde; vergelijkingen als `lessThan` zijn dan nooit waar.');
  out.push('');
  out.push('| Feit | Betekenis | Soort | Eenheid | Kan onbekend zijn | Fase | Voorbeeld |');
  out.push('| --- | --- | --- | --- | --- | --- | --- |');
  for (const f of FACTS) {
    const kind = f.type === 'keuze' ? `keuze: ${(f.values ?? []).map((v) => `\`"${v}"\``).join(', ')}` : TYPE_LABELS[f.type];
    out.push(
      `| \`${f.name}\` | **${cell(f.label)}**: ${cell(f.description)} | ${kind} | ${f.unit || '–'} | ${f.nullable ? 'ja (`null`)' : 'nee'} | ${f.phases.join(', ')} | ${example(f)} |`,
    );
  }
  out.push('');
  out.push('### Operatoren per soort feit');
  out.push('');
  out.push('| Soort | Toegestane operatoren |');
  out.push('| --- | --- |');
  for (const [type, ops] of Object.entries(OPERATORS_BY_TYPE)) {
    out.push(`| ${type} | ${ops.map((o) => `\`${o}\` (${OPERATOR_LABELS[o]})`).join(', ')} |`);
  }
  out.push('');
  out.push('Bij `in` en `notIn` is de waarde een lijst: `"value": ["Huur", "Energie"]`.');
  out.push('');
  out.push('### Gebeurtenissen');
  out.push('');
  out.push('| Type | Fase | Wat er gebeurt | Parameters |');
  out.push('| --- | --- | --- | --- |');
  for (const e of EVENTS) {
    const params = Object.entries(e.params)
      .map(([n, p]) => `\`${n}\`${p.required ? '' : ' (optioneel)'}: ${p.label}${p.type === 'positiefGeheel' ? ', positief geheel getal' : p.type === 'naam' ? ', naam (kleine letters, cijfers, streepjes)' : p.values ? `, een van ${p.values.map((v) => `\`${v}\``).join(', ')}` : ''}`)
      .join('; ');
    out.push(`| \`${e.type}\` | ${e.phases.join(', ')} | ${cell(e.description)} | ${params} |`);
  }
  out.push('');
  out.push(`Redenen voor niet oppakken (mogen aan de partner worden teruggekoppeld): ${NOT_PICKED_UP_REASONS.map((r) => `\`${r}\` (${NOT_PICKED_UP_LABELS[r]})`).join(', ')}.`);
  out.push('');
  out.push('### Weggelaten feiten in testgevallen');
  out.push('');
  out.push('In een testgeval hoeft u alleen de feiten op te geven die ertoe doen (`achterstandBedrag` altijd). De andere krijgen:');
  out.push('');
  out.push(
    FACTS.map((f) => `\`${f.name}\` = ${JSON.stringify(quietValue(f))}`).join(', ') +
      '. Geeft u `maandhuur` maar niet `achterstandInMaanden`, dan wordt die berekend; geeft u `minderjarigeKinderen` maar niet `kinderen`, dan ook.',
  );
  return out.join('\n');
}

/** Replaces the text between the vocabulary markers (inserting the end marker the first time). */
export function updateReadme(readme: string): string {
  const start = readme.indexOf(VOCABULARY_START);
  if (start < 0) throw new Error(`README mist de markering ${VOCABULARY_START}`);
  const afterStart = start + VOCABULARY_START.length;
  const end = readme.indexOf(VOCABULARY_END, afterStart);
  const tail = end < 0 ? readme.slice(afterStart) : readme.slice(end + VOCABULARY_END.length);
  return `${readme.slice(0, afterStart)}\n\n${vocabularyMarkdown()}\n\n${VOCABULARY_END}${end < 0 ? '\n' : ''}${tail}`;
}
