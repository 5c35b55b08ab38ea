import { expect } from 'chai';
import { centsToWholeEuros, formatCents, parseAmountToCents } from '../../src/domain/money';

describe('domain/money', () => {
  const ok = (s: unknown) => {
    const r = parseAmountToCents(s);
    if (!r.ok) throw new Error(`expected ${String(s)} to parse: ${r.error}`);
    return r.value;
  };
  const err = (s: unknown) => {
    const r = parseAmountToCents(s);
    if (r.ok) throw new Error(`expected ${String(s)} to be refused, got ${r.value}`);
    return r.error;
  };

  it('parses the shapes partners deliver into cents', () => {
    expect(ok('1.250,50')).to.equal(125050);
    expect(ok('1250,50')).to.equal(125050);
    expect(ok('€ 1.250,50')).to.equal(125050);
    expect(ok('€1.250,5')).to.equal(125050);
    expect(ok('1250.50')).to.equal(125050);
    expect(ok('1,250.50')).to.equal(125050);
    expect(ok('950.00')).to.equal(95000);
    expect(ok('1.250')).to.equal(125000);
    expect(ok('75')).to.equal(7500);
    expect(ok(' 74,99 ')).to.equal(7499);
    expect(ok('-35,00')).to.equal(-3500);
    expect(ok('12.345.678,90')).to.equal(1234567890);
    expect(ok(1234.5)).to.equal(123450);
  });

  it('refuses malformed and ambiguous amounts instead of guessing', () => {
    expect(err('12,3,4')).to.match(/geen bedrag/);
    expect(err('1.25.0')).to.match(/duizendtallen|geen bedrag/);
    expect(err('onbekend')).to.match(/geen bedrag/);
    expect(err('1,250')).to.match(/dubbelzinnig/);
    expect(err('12,345')).to.match(/dubbelzinnig/);
    expect(err('10,999')).to.match(/dubbelzinnig/);
    expect(err('')).to.equal('is leeg');
    expect(err(null)).to.equal('ontbreekt');
  });

  it('formats cents the Dutch way and rounds to whole euros for DDAS', () => {
    expect(formatCents(123456)).to.equal('€ 1.234,56');
    expect(formatCents(5)).to.equal('€ 0,05');
    expect(formatCents(-500)).to.equal('€ -5,00');
    expect(formatCents(100000000)).to.equal('€ 1.000.000,00');
    expect(centsToWholeEuros(125050)).to.equal(1251);
    expect(centsToWholeEuros(125049)).to.equal(1250);
    expect(centsToWholeEuros(-150)).to.equal(-2);
  });
});
