import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toCsv } from './csv.js';

describe('api/csv', () => {
  it('quotes fields with commas, quotes or line breaks (RFC 4180) and ends every line with CRLF', () => {
    assert.equal(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['two\nlines', 'plain'],
        ],
      ),
      'a,b\r\n"x,y","say ""hi"""\r\n"two\nlines",plain\r\n',
    );
  });

  it('writes numbers as they are and null as an empty field', () => {
    assert.equal(toCsv(['n', 'm'], [[247.5, null]]), 'n,m\r\n247.5,\r\n');
  });

  it('defuses text a spreadsheet would run as a formula, numbers untouched', () => {
    assert.equal(
      toCsv(['t'], [['=HYPERLINK("http://x")'], ['@SUM(1)'], ['-1+1'], [-1]]),
      't\r\n"\'=HYPERLINK(""http://x"")"\r\n\'@SUM(1)\r\n\'-1+1\r\n-1\r\n',
    );
  });
});
