import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { negotiateLocale, parseAcceptLanguage } from './locale.js';

describe('negotiateLocale', () => {
  it('takes ?lang= first, then Accept-Language, then the page default', () => {
    assert.equal(negotiateLocale('en', 'zh-CN', 'zh-CN'), 'en');
    assert.equal(negotiateLocale('zh-CN', 'en', 'en'), 'zh-CN');
    assert.equal(negotiateLocale(['en', 'zh-CN'], undefined, 'zh-CN'), 'en');
    assert.equal(negotiateLocale('fr', 'en-GB,en;q=0.9', 'zh-CN'), 'en');
    assert.equal(negotiateLocale(undefined, 'fr-FR,fr;q=0.9', 'en'), 'en');
    assert.equal(negotiateLocale(undefined, undefined, 'zh-CN'), 'zh-CN');
    assert.equal(negotiateLocale('x'.repeat(5000), undefined, 'en'), 'en');
  });

  it('weighs Accept-Language by q-values, earlier wins a tie, q=0 refuses', () => {
    assert.equal(parseAcceptLanguage('en;q=0.4, zh-TW;q=0.8'), 'zh-CN');
    assert.equal(parseAcceptLanguage('zh-Hans-CN,zh;q=0.9,en;q=0.8'), 'zh-CN');
    assert.equal(parseAcceptLanguage('en, zh'), 'en');
    assert.equal(parseAcceptLanguage('zh;q=0, en;q=0.1'), 'en');
    assert.equal(parseAcceptLanguage('fr, *;q=0.5, en;q=0.1'), '*');
    assert.equal(parseAcceptLanguage('fr, de'), null);
    assert.equal(parseAcceptLanguage(`${'x,'.repeat(10_000)}en`), null);
    assert.equal(parseAcceptLanguage(';;;,,,q=,=;q=2'), null);
  });
});
