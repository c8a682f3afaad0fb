import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Encrypts secrets Fenghuo must be able to read back (signing secrets of integrations):
 * AES-256-GCM, `v1.<iv>.<tag>.<ciphertext>` in base64url. Secrets that only need checking
 * (passwords, tokens, integration keys) are hashed instead.
 */
export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
  /** HMAC-SHA256 of `data` under a key derived for `purpose` (base64url), e.g. for signed links. */
  mac(purpose: string, data: string): string;
  /** Constant-time check of a `mac` value. */
  verifyMac(purpose: string, data: string, mac: string): boolean;
}

export function secretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('the secret key must be 32 bytes');
  const subkeys = new Map<string, Buffer>();
  const subkey = (purpose: string): Buffer => {
    let k = subkeys.get(purpose);
    if (!k) {
      k = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `fenghuo:${purpose}`, 32));
      subkeys.set(purpose, k);
    }
    return k;
  };
  const mac = (purpose: string, data: string): string => createHmac('sha256', subkey(purpose)).update(data, 'utf8').digest('base64url');
  return {
    mac,
    verifyMac(purpose, data, given) {
      const expected = Buffer.from(mac(purpose, data));
      const actual = Buffer.from(given);
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    },
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
    },
    open(sealed) {
      const [version, iv, tag, data] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
