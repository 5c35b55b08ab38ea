import { expect } from 'chai';
import { assessRepeat, matchHousehold, type HouseholdIdentity } from '../../src/domain/households';

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
