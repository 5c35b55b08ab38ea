import { expect } from 'chai';
import { validateReport, type RawReport } from '../../src/domain/intake';

const valid: RawReport = {
  sourceRowId: 1,
  partnerCode: 'EH',
  partnerName: 'Woningcorporatie Eigen Haard',
  partnerType: 'woningcorporatie',
  partnerReference: 'EH-0001',
  signalDate: '02-03-2026',
  arrearsSince: '2026-01-01',
  arrearsAmount: '€ 1.700,00',
  monthlyRent: '850,00',
  minorChildren: '2',
  crisis: 'N',
  warmHandover: null,
  evictionThreatened: 'ja',
  evictionDate: '20-03-2026',
  initials: 'j p',
  prefix: '',
  lastName: ' van der  Meulen ',
  birthDate: '14-05-1980',
  street: 'Ouddiemerlaan',
  houseNumber: '12-a',
  houseNumberAddition: null,
  postcode: '1111ab',
  city: 'Diemen',
};

describe('domain/intake', () => {
  it('parses a valid report into cents, ISO dates and normalised parts', () => {
    const r = validateReport(valid, '2026-03-02');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.report.arrearsCents).to.equal(170000);
    expect(r.report.monthlyRentCents).to.equal(85000);
    expect(r.report.signalDate).to.equal('2026-03-02');
    expect(r.report.evictionDate).to.equal('2026-03-20');
    expect(r.report.evictionThreatened).to.equal(true);
    expect(r.report.minorChildren).to.equal(2);
    expect(r.report.partner).to.deep.equal({ code: 'EH', name: 'Woningcorporatie Eigen Haard', type: 'Huur' });
    expect(r.report.person).to.deep.equal({ initials: 'J.P.', firstName: null, prefix: 'van der', lastName: 'Meulen', birthDate: '1980-05-14' });
    expect(r.report.address).to.deep.equal({ street: 'Ouddiemerlaan', houseNumber: 12, houseNumberAddition: 'A', postcode: '1111 AB', city: 'Diemen' });
  });

  it('keeps "unknown" apart from "none" for optional fields', () => {
    const r = validateReport({ ...valid, minorChildren: '', monthlyRent: null, birthDate: undefined }, '2026-03-02');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.report.minorChildren).to.equal(null);
    expect(r.report.monthlyRentCents).to.equal(null);
    expect(r.report.person.birthDate).to.equal(null);
    const zero = validateReport({ ...valid, minorChildren: '0' }, '2026-03-02');
    expect(zero.ok && zero.report.minorChildren).to.equal(0);
  });

  it('lists every problem of a row at once, in Dutch, naming the field', () => {
    const r = validateReport(
      { ...valid, lastName: '', birthDate: '2027-01-01', arrearsAmount: '12,3,4', postcode: '0123 AB', signalDate: '31-02-2026', crisis: 'misschien' },
      '2026-03-02',
    );
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    const byField = Object.fromEntries(r.problems.map((p) => [p.field, p.message]));
    expect(Object.keys(byField).sort()).to.deep.equal(['arrearsAmount', 'birthDate', 'crisis', 'lastName', 'postcode', 'signalDate']);
    expect(byField.lastName).to.equal('Achternaam ontbreekt');
    expect(byField.birthDate).to.equal('Geboortedatum ligt in de toekomst (2027-01-01)');
    expect(byField.arrearsAmount).to.equal('Achterstandsbedrag: "12,3,4" is geen bedrag');
    expect(byField.postcode).to.equal('Postcode "0123 AB" is geen Nederlandse postcode');
    expect(byField.signalDate).to.equal('Signaaldatum: "31-02-2026" bestaat niet als datum');
    expect(byField.crisis).to.equal('Crisissignaal is geen ja/nee-waarde');
  });

  it('refuses a negative amount (a credit is no arrears) and an unknown partner type', () => {
    const r = validateReport({ ...valid, arrearsAmount: '-85,00', partnerType: 'Bakkerij' }, '2026-03-02');
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field).sort()).to.deep.equal(['arrearsAmount', 'partnerType']);
    expect(r.problems.find((p) => p.field === 'arrearsAmount')!.message).to.match(/negatief.*tegoed/);
  });

  it('judges "in the future" against the business date passed in, not the clock', () => {
    expect(validateReport({ ...valid, signalDate: '2026-03-03' }, '2026-03-02').ok).to.equal(false);
    expect(validateReport({ ...valid, signalDate: '2026-03-03' }, '2026-03-03').ok).to.equal(true);
  });

  it('refuses values the database cannot hold, naming the field, instead of failing at insert', () => {
    const r = validateReport(
      { ...valid, lastName: 'X'.repeat(201), partnerReference: 'R'.repeat(101), arrearsAmount: '9999999999999', monthlyRent: '300.000,00', gemeenteCode: '12345' },
      '2026-03-02',
    );
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(Object.fromEntries(r.problems.map((p) => [p.field, p.message]))).to.deep.equal({
      arrearsAmount: 'Achterstandsbedrag 9999999999999 is onwaarschijnlijk hoog (meer dan € 1.000.000,00)',
      monthlyRent: 'Maandhuur 300.000,00 is onwaarschijnlijk hoog (meer dan € 100.000,00)',
      lastName: 'Achternaam is te lang (201 tekens, hoogstens 200)',
      partnerReference: 'Referentienummer partner is te lang (101 tekens, hoogstens 100)',
      gemeenteCode: 'Gemeentecode "12345" is geen CBS-gemeentecode van 4 cijfers',
    });
  });
});
