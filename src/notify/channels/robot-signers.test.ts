// DingTalk and Feishu both sign with HMAC-SHA256 over "timestamp\nsecret", but not the same way:
// DingTalk keys the HMAC with the secret and signs that string; Feishu keys it with that string
// and signs nothing. A mix-up would pass a test that only compares a signer with itself.

import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { dingTalkSign } from './dingtalk/dingtalk.js';
import { feishuSign } from './feishu/feishu.js';

describe('robot signers', () => {
  const secret = 'fenghuo-test-secret';
  const ts = 1700000000;

  it('give different signatures for the same secret and timestamp', () => {
    assert.notEqual(dingTalkSign(secret, ts), feishuSign(secret, ts));
  });

  it('each matches its own scheme and not the other one', () => {
    // printf '1700000000\nfenghuo-test-secret' | openssl dgst -sha256 -hmac 'fenghuo-test-secret' -binary | base64
    const secretAsKey = 'Ra4BXTZME5PX6lz3q/bfQYhaHUywuM4saoxbt85E7qc=';
    // printf '' | openssl dgst -sha256 -mac HMAC -macopt hexkey:<hex of "1700000000\nfenghuo-test-secret"> -binary | base64
    const stringAsKey = 'YLRmTuTFJaRmUWfARquumHBpPXxcqvRMD1zI9vSkREM=';
    assert.equal(dingTalkSign(secret, ts), secretAsKey);
    assert.equal(feishuSign(secret, ts), stringAsKey);
    assert.equal(createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64'), secretAsKey);
  });
});
