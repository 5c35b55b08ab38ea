import { expect } from 'chai';
import path from 'node:path';
import { loadConfig, parseDbUrl, redactUrl } from '../src/config';
import { ConfigError } from '../src/errors';

describe('config', () => {
  it('has working defaults: SQLite and the demo source in the data dir', () => {
    const c = loadConfig({}, '/srv/vs');
    expect(c.dataDir).to.equal('/srv/vs/data');
    expect(c.db).to.deep.equal({ client: 'sqlite', url: 'sqlite:/srv/vs/data/vroegsignaal.sqlite', filename: '/srv/vs/data/vroegsignaal.sqlite' });
    expect(c.source.filename).to.equal('/srv/vs/data/demo-bron.sqlite');
    expect(c.demoSource).to.equal(true);
    expect(c.rulesDir).to.equal(path.resolve('/srv/vs/rules'));
    expect(c.lookbackMonths).to.equal(6);
    expect(c.sourceColumns.arrearsAmount).to.equal('achterstand_bedrag');
  });

  it('accepts postgres and mssql URLs and a partial column mapping', () => {
    const c = loadConfig({
      VS_DB_URL: 'postgres://postgres@127.0.0.1:5432/test',
      VS_SOURCE_URL: 'mssql://vs:geheim@sql01:1433/meldpunt',
      VS_SOURCE_TABLE: 'dbo.vw_meldingen',
      VS_SOURCE_COLUMNS: '{"arrearsAmount":"ACHTERSTAND","lastName":"ACHTERNAAM"}',
    }, '/srv/vs');
    expect(c.db.client).to.equal('pg');
    expect(c.source.client).to.equal('mssql');
    expect(c.demoSource).to.equal(false);
    expect(c.sourceColumns.arrearsAmount).to.equal('ACHTERSTAND');
    expect(c.sourceColumns.postcode).to.equal('postcode');
    expect(redactUrl('mssql://vs:geheim@sql01:1433/meldpunt')).to.equal('mssql://vs:***@sql01:1433/meldpunt');
  });

  it('names every invalid variable at once', () => {
    try {
      loadConfig({ VS_LOOKBACK_MONTHS: 'zes', VS_GEMEENTE: '384', VS_BATCH_SIZE: '0' });
      expect.fail('should have thrown');
    } catch (e) {
      expect(e).to.be.instanceOf(ConfigError);
      const msg = (e as Error).message;
      expect(msg).to.contain('VS_LOOKBACK_MONTHS moet een geheel getal zijn');
      expect(msg).to.contain('VS_GEMEENTE moet een CBS-gemeentecode van 4 cijfers zijn');
      expect(msg).to.contain('VS_BATCH_SIZE moet minstens 1 zijn');
    }
  });

  it('refuses unknown URL schemes and unknown mapped fields with a clear message', () => {
    expect(() => parseDbUrl('mysql://x', 'VS_DB_URL', '/')).to.throw(ConfigError, /VS_DB_URL="mysql:\/\/x" wordt niet herkend/);
    expect(() => loadConfig({ VS_SOURCE_COLUMNS: '{"achterstand":"X"}' })).to.throw(ConfigError, /onbekend veld "achterstand"/);
    expect(() => loadConfig({ VS_SOURCE_COLUMNS: 'niet-json' })).to.throw(ConfigError, /geen geldige JSON/);
  });
});
