/**
 * Checks an import needs beyond the standard's own rules, on a delivery that passed validation.
 * Pure. A file that fails any of them is refused as a whole (every problem listed), because a
 * half-understood delivery would leave half-imported history.
 */
import { foldKey, normaliseHouseNumber, normaliseName, normalisePostcode } from '../text';
import type { HouseholdIdentity } from '../households';
import { UNKNOWN_NAME_KEY } from '../households';
import type { DdasClient, DdasDeliveryModel } from './model';
import type { DdasProblem } from './validate';

/** Largest amount (whole euros) an imported signal may carry; more is a data error. */
export const MAX_IMPORT_AMOUNT_EUROS = 1_000_000;

/** Longest signal ID we store (signals.source_row_id). */
export const MAX_SIGNAL_ID_LENGTH = 64;

export interface ParsedClient {
  bsn: string | null;
  address: { postcode: string; houseNumber: number; houseNumberAddition: string | null } | null;
  name: { initials: string | null; prefix: string | null; lastName: string } | null;
  birthDate: string | null;
  street: string | null;
  city: string | null;
}

/** The client as we can use it, or the problems that make it unusable. */
export function parseClient(c: DdasClient): { ok: true; client: ParsedClient } | { ok: false; problems: Array<{ field: string; message: string }> } {
  const problems: Array<{ field: string; message: string }> = [];
  let bsn: string | null = null;
  if (c.bsn !== undefined) {
    const digits = c.bsn.trim();
    if (!/^\d{8,9}$/.test(digits)) problems.push({ field: 'burgerservicenummer', message: 'burgerservicenummer moet uit 9 cijfers bestaan' });
    else bsn = digits.padStart(9, '0');
  }
  let address: ParsedClient['address'] = null;
  if (c.postcode !== undefined || c.houseNumber !== undefined) {
    const postcode = c.postcode !== undefined ? normalisePostcode(c.postcode) : null;
    const hn = c.houseNumber !== undefined ? normaliseHouseNumber(c.houseNumber, c.houseNumberAddition) : null;
    if (c.postcode !== undefined && postcode === null) problems.push({ field: 'postcode', message: `"${c.postcode}" is geen Nederlandse postcode` });
    if (c.houseNumber !== undefined && hn === null) problems.push({ field: 'huisnummer', message: `"${c.houseNumber}" is geen huisnummer` });
    if (postcode && hn) address = { postcode, houseNumber: hn.number, houseNumberAddition: hn.addition };
    else if (bsn === null && (c.postcode === undefined || c.houseNumber === undefined)) {
      problems.push({ field: 'postcode', message: 'postcode en huisnummer horen samen: met één van beide is de client niet te herkennen' });
    }
  }
  if (bsn === null && address === null && problems.length === 0) {
    problems.push({ field: 'client', message: 'de client is niet te herkennen: geen burgerservicenummer en geen postcode met huisnummer' });
  }
  if (problems.length) return { ok: false, problems };
  const hasName = c.lastName !== undefined && c.lastName.trim() !== '';
  const n = hasName ? normaliseName({ initials: c.initials, prefix: c.prefix, lastName: c.lastName }) : null;
  return {
    ok: true,
    client: {
      bsn,
      address,
      name: n ? { initials: n.initials, prefix: n.prefix, lastName: n.lastName } : null,
      birthDate: c.birthDate ?? null,
      street: c.street?.trim() || null,
      city: c.city?.trim() || null,
    },
  };
}

/** The identity used to match an imported client to a household at its address. */
export function importedIdentity(c: ParsedClient): HouseholdIdentity | null {
  if (!c.address) return null;
  return {
    nameKey: c.name ? foldKey(c.name.lastName) : UNKNOWN_NAME_KEY,
    initial: c.name?.initials ? c.name.initials.slice(0, 1) : null,
    birthDate: c.birthDate,
    postcode: c.address.postcode,
    houseNumber: c.address.houseNumber,
    houseNumberAddition: c.address.houseNumberAddition ? foldKey(c.address.houseNumberAddition) : null,
  };
}

/**
 * Problems that stop an import: period, municipality codes, signal IDs (present, not too long,
 * unique per levering, in at most one case), partner type, recognisable clients. Returns the case
 * references to signals outside the file, which the caller checks against earlier imports.
 */
export function checkForImport(m: DdasDeliveryModel): { problems: DdasProblem[]; externalRefs: Array<{ levering: number; gemeenteCode: string; id: string; path: string }> } {
  const problems: DdasProblem[] = [];
  const err = (path: string, message: string) => problems.push({ path, message, severity: 'fout' });
  const externalRefs: Array<{ levering: number; gemeenteCode: string; id: string; path: string }> = [];
  if (m.start > m.end) err('$.einddatumLevering', `de einddatum (${m.end}) ligt vóór de startdatum (${m.start})`);
  if (m.supplierCode.trim() === '') err('$.codeGegevensleverancier', 'de code van de gegevensleverancier is leeg');
  const gemeenten = new Set<string>();
  (m.leveringen ?? []).forEach((l, li) => {
    const lp = `$.leveringen[${li}]`;
    if (!/^\d{4}$/.test(l.gemeenteCode)) err(`${lp}.gemeentecode`, `"${l.gemeenteCode}" is geen CBS-gemeentecode van 4 cijfers`);
    else if (gemeenten.has(l.gemeenteCode)) err(`${lp}.gemeentecode`, `gemeente ${l.gemeenteCode} komt in meer dan één levering van dit bestand voor`);
    gemeenten.add(l.gemeenteCode);
    const ids = new Map<string, number>();
    (l.signals ?? []).forEach((s, si) => {
      const sp = `${lp}.vroegsignalen[${si}]`;
      if (s.id.trim() === '') err(`${sp}.ID`, 'het ID van het vroegsignaal is leeg');
      else if (s.id.length > MAX_SIGNAL_ID_LENGTH) err(`${sp}.ID`, `het ID is langer dan ${MAX_SIGNAL_ID_LENGTH} tekens`);
      const first = ids.get(s.id);
      if (first !== undefined) err(`${sp}.ID`, `ID "${s.id}" komt al voor bij vroegsignalen[${first}]`);
      else ids.set(s.id, si);
      // Values our database cannot hold or that cannot be real are refused, not stored.
      if (s.amountEuros !== undefined && (s.amountEuros < 0 || s.amountEuros > MAX_IMPORT_AMOUNT_EUROS)) {
        err(`${sp}.bedrag`, `bedrag ${s.amountEuros} ligt buiten 0 t/m ${MAX_IMPORT_AMOUNT_EUROS} euro`);
      }
      for (const [field, value] of [['signaaldatum', s.signalDate], ['ontstaansdatum', s.originDate], ['client.geboortedatum', s.client.birthDate]] as const) {
        if (value !== undefined && value !== null && /^\d{4}-\d{2}-\d{2}/.test(m.deliveredAt) && value > m.deliveredAt.slice(0, 10)) {
          err(`${sp}.${field}`, `${field.replace('client.', '')} ${value} ligt na de aanleverdatum (${m.deliveredAt.slice(0, 10)})`);
        }
      }
      if (s.partnerType === undefined) err(`${sp}.signaalpartner`, 'de soort signaalpartner (type) ontbreekt: nodig om de melding aan een partnersoort te koppelen');
      const parsed = parseClient(s.client);
      if (!parsed.ok) for (const p of parsed.problems) err(`${sp}.client${p.field === 'client' ? '' : `.${p.field}`}`, p.message);
    });
    const inCase = new Map<string, number>();
    (l.cases ?? []).forEach((c, ci) => {
      c.signalIds.forEach((id, ri) => {
        const rp = `${lp}.vroegsignaalzaken[${ci}].vroegsignalen[${ri}].ID`;
        const other = inCase.get(id);
        if (other !== undefined && other !== ci) err(rp, `vroegsignaal "${id}" hoort ook bij vroegsignaalzaken[${other}]; een signaal hoort bij één zaak`);
        inCase.set(id, ci);
        if (!ids.has(id)) externalRefs.push({ levering: li, gemeenteCode: l.gemeenteCode, id, path: rp });
      });
    });
  });
  return { problems, externalRefs };
}
