import { expect } from 'chai';
import { cleanText, foldKey, normaliseHouseNumber, normaliseName, normalisePostcode } from '../../src/domain/text';

describe('domain/text', () => {
  it('normalises postcodes in every shape and refuses non-Dutch ones', () => {
    for (const s of ['1111AB', '1111 ab', ' 1111-ab ', '1111ab', '1111 AB']) expect(normalisePostcode(s)).to.equal('1111 AB');
    expect(normalisePostcode('0123 AB')).to.equal(null);
    expect(normalisePostcode('1234 SS')).to.equal(null);
    expect(normalisePostcode('12345')).to.equal(null);
  });

  it('splits house numbers and additions', () => {
    expect(normaliseHouseNumber('12-A')).to.deep.equal({ number: 12, addition: 'A' });
    expect(normaliseHouseNumber('12a')).to.deep.equal({ number: 12, addition: 'A' });
    expect(normaliseHouseNumber('12 hs')).to.deep.equal({ number: 12, addition: 'HS' });
    expect(normaliseHouseNumber('12bis')).to.deep.equal({ number: 12, addition: 'BIS' });
    expect(normaliseHouseNumber('12-2')).to.deep.equal({ number: 12, addition: '2' });
    expect(normaliseHouseNumber('12', 'II')).to.deep.equal({ number: 12, addition: 'II' });
    expect(normaliseHouseNumber('12')).to.deep.equal({ number: 12, addition: null });
    expect(normaliseHouseNumber('nvt')).to.equal(null);
    expect(normaliseHouseNumber('0')).to.equal(null);
  });

  it('moves tussenvoegsels out of the surname and tidies initials', () => {
    expect(normaliseName({ lastName: 'van den Berg', initials: 'jp' })).to.deep.equal({
      initials: 'J.P.', firstName: null, prefix: 'van den', lastName: 'Berg',
    });
    expect(normaliseName({ lastName: 'Berg', prefix: 'Van Den', firstName: 'Zoë' })).to.deep.equal({
      initials: 'Z.', firstName: 'Zoë', prefix: 'van den', lastName: 'Berg',
    });
    // A surname that merely starts like a prefix is left alone.
    expect(normaliseName({ lastName: 'Vandermeer' }).lastName).to.equal('Vandermeer');
    expect(normaliseName({ lastName: "van 't Hof" })).to.include({ prefix: "van 't", lastName: 'Hof' });
  });

  it('removes control characters and folds diacritics for matching', () => {
    expect(cleanText('  Özdemir\u0007  \t')).to.equal('Özdemir');
    expect(cleanText('Jan\u00a0\u00a0 Jansen')).to.equal('Jan Jansen');
    expect(foldKey('Özdemir')).to.equal('ozdemir');
    expect(foldKey('Nguyễn')).to.equal('nguyen');
    expect(foldKey("d'Ancona-Ćosić")).to.equal('danconacosic');
    // NFD and NFC input fold to the same key.
    expect(foldKey('Mu\u0308ller')).to.equal(foldKey('Müller'));
  });
});
