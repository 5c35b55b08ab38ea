import { expect } from 'chai';
import { assessRepeat, householdNameLabel, matchHousehold, UNKNOWN_NAME_KEY, UNKNOWN_NAME_LABEL, type HouseholdIdentity, type PriorSignal } from '../../src/domain/households';

const id = (o: Partial<HouseholdIdentity> = {}): HouseholdIdentity => ({
  nameKey: 'berg', initial: 'J', birthDate: '1980-05-14', postcode: '1111 AB', houseNumber: 12, houseNumberAddition: 'a', ...o,
});

describe('domain/households', () => {
  it('matches on surname, address and no contradiction in birth date or initial', () => {
    const candidates = [
      { id: 1, identity: id({ birthDate: null }) },
      { id: 2, identity: id() },
      { id: 3, identity: id({ nameKey: 'jansen' }) },
      { id: 4, identity: id({ houseNumberAddition: null }) },
    ];
    expect(matchHousehold(candidates, id())?.id).to.equal(2); // exact beats tolerant
    expect(matchHousehold(candidates, id({ birthDate: null }))?.id).to.equal(1); // tie: the oldest household
    expect(matchHousehold(candidates, id({ birthDate: '1990-01-01' }))?.id).to.equal(1);
    expect(matchHousehold(candidates, id({ initial: 'K', birthDate: '1999-09-09' }))).to.equal(null);
    expect(matchHousehold(candidates, id({ houseNumberAddition: null }))?.id).to.equal(4);
    expect(matchHousehold(candidates, id({ houseNumber: 14 }))).to.equal(null);
  });

  it('recognises a repeat report of the same partner within the look-back', () => {
    const prior = [
      { id: 10, partnerId: 1, signalDate: '2026-01-10', arrearsCents: 90000 },
      { id: 11, partnerId: 1, signalDate: '2026-02-10', arrearsCents: 120000 },
      { id: 12, partnerId: 2, signalDate: '2026-02-20', arrearsCents: 50000 },
    ];
    const same = assessRepeat(prior, 1, '2026-03-02', 120000, 6);
    expect(same).to.deep.include({ isRepeat: true, amountIncreased: false, earlierSignals: 3 });
    expect(same.previous?.id).to.equal(11);
    expect(assessRepeat(prior, 1, '2026-03-02', 120001, 6).amountIncreased).to.equal(true);
    expect(assessRepeat(prior, 3, '2026-03-02', 1000, 6)).to.deep.include({ isRepeat: false, earlierSignals: 3 });
    // Outside the look-back (6 months before 2026-08-11 is 2026-02-11): only partner 2's signal remains.
    expect(assessRepeat(prior, 1, '2026-08-11', 1000, 6)).to.deep.include({ isRepeat: false, earlierSignals: 1 });
    expect(assessRepeat(prior, 1, '2026-08-10', 1000, 6).isRepeat).to.equal(true);
  });
});


const at = (over: Partial<HouseholdIdentity> = {}): HouseholdIdentity => ({
  nameKey: 'berg', initial: 'J', birthDate: '1980-05-14', postcode: '1111 AB', houseNumber: 12, houseNumberAddition: 'a', ...over,
});

describe('domain/households (imported households without a name)', () => {
  it('an unknown name (DDAS v1.2 import) matches any name at the same address', () => {
    const imported = { id: 7, identity: at({ nameKey: UNKNOWN_NAME_KEY, initial: null }) };
    expect(matchHousehold([imported], at())).to.equal(imported);
    expect(matchHousehold([imported], at({ nameKey: 'jansen' }))).to.equal(imported);
  });
  it('a real name without Latin letters (folds to an empty key) is not "unknown"', () => {
    const other = { id: 3, identity: at({ nameKey: 'jansen' }) };
    expect(matchHousehold([other], at({ nameKey: '' }))).to.equal(null);
  });
  it('but not at another address, nor with a contradicting birth date', () => {
    const imported = { id: 7, identity: at({ nameKey: UNKNOWN_NAME_KEY, initial: null }) };
    expect(matchHousehold([imported], at({ houseNumberAddition: 'b' }))).to.equal(null);
    expect(matchHousehold([imported], at({ birthDate: '1990-01-01' }))).to.equal(null);
  });
  it('a known equal name wins over an unknown one', () => {
    const imported = { id: 1, identity: at({ nameKey: UNKNOWN_NAME_KEY, initial: null }) };
    const named = { id: 2, identity: at({ birthDate: null }) };
    expect(matchHousehold([imported, named], at())).to.equal(named);
  });
  it('shows "naam onbekend (geïmporteerd)" until a name is known', () => {
    expect(householdNameLabel({ initials: null, firstName: null, prefix: null, lastName: '' })).to.equal(UNKNOWN_NAME_LABEL);
    expect(householdNameLabel({ initials: 'J.', firstName: null, prefix: 'van den', lastName: 'Bërg' })).to.equal('J. van den Bërg');
  });
});

describe('domain/households assessRepeat with imported history', () => {
  const imported: PriorSignal = { id: 1, partnerId: 90, signalDate: '2026-02-02', arrearsCents: 170000, partnerType: 'Huur', imported: true };
  it('an imported signal of the same partner type counts as the same partner', () => {
    const r = assessRepeat([imported], 5, '2026-03-02', 170000, 6, 'Huur');
    expect(r).to.deep.include({ isRepeat: true, amountIncreased: false });
    expect(r.previous!.id).to.equal(1);
    expect(assessRepeat([imported], 5, '2026-03-02', 255000, 6, 'Huur')).to.deep.include({ isRepeat: true, amountIncreased: true });
  });
  it('not for another type, outside the look-back, or a non-imported signal of another partner', () => {
    expect(assessRepeat([imported], 5, '2026-03-02', 170000, 6, 'Energie').isRepeat).to.equal(false);
    expect(assessRepeat([imported], 5, '2026-09-03', 170000, 6, 'Huur').isRepeat).to.equal(false);
    expect(assessRepeat([{ ...imported, imported: false }], 5, '2026-03-02', 170000, 6, 'Huur').isRepeat).to.equal(false);
  });
});
