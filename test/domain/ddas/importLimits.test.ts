import { expect } from 'chai';
import { checkForImport } from '../../../src/domain/ddas/importCheck';
import type { DdasDeliveryModel } from '../../../src/domain/ddas/model';

describe('domain/ddas import limits', () => {
  it('refuses amounts and dates that cannot be real, naming the path', () => {
    const m = {
      start: '2026-01-01', end: '2026-01-31', deliveredAt: '2026-02-05T10:00:00Z', supplierCode: 'XXLLNC',
      leveringen: [{
        counter: 1, gemeenteCode: '0384', organisation: { name: 'Gemeente Diemen' },
        signals: [
          { id: 'A', amountEuros: 99_999_999_999, partnerType: 'Huur', client: { postcode: '1111AB', houseNumber: '1' } },
          { id: 'B', amountEuros: -5, partnerType: 'Huur', signalDate: '2031-01-01', client: { postcode: '1111AB', houseNumber: '2', birthDate: '2030-01-01' } },
          { id: 'C', amountEuros: 450, partnerType: 'Huur', signalDate: '2026-01-05', client: { postcode: '1111AB', houseNumber: '3' } },
        ],
        cases: [],
      }],
    } as unknown as DdasDeliveryModel;
    expect(checkForImport(m).problems.map((p) => `${p.path}: ${p.message}`)).to.deep.equal([
      '$.leveringen[0].vroegsignalen[0].bedrag: bedrag 99999999999 ligt buiten 0 t/m 1000000 euro',
      '$.leveringen[0].vroegsignalen[1].bedrag: bedrag -5 ligt buiten 0 t/m 1000000 euro',
      '$.leveringen[0].vroegsignalen[1].signaaldatum: signaaldatum 2031-01-01 ligt na de aanleverdatum (2026-02-05)',
      '$.leveringen[0].vroegsignalen[1].client.geboortedatum: geboortedatum 2030-01-01 ligt na de aanleverdatum (2026-02-05)',
    ]);
  });
});
