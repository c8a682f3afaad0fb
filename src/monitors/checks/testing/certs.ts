// Test certificates, made with the openssl CLI at test time (nothing secret is checked in, and the
// dates are relative to today): a private CA and leaves it signed, plus a self-signed one.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Pem {
  key: string;
  cert: string;
}

export interface TestCerts {
  /** The private CA: Node does not trust it unless a check is given it as `ca`. */
  ca: Pem;
  /** localhost + IP 127.0.0.1, signed by `ca`, valid 90 days. */
  valid: Pem;
  /** As `valid`, but valid for 3 days only. */
  expiringSoon: Pem;
  /** As `valid`, but valid in January 2020 only. */
  expired: Pem;
  /** For other.example (and www.other.example), signed by `ca`, valid 90 days. */
  otherHost: Pem;
  /** localhost + IP 127.0.0.1, self-signed, valid 30 days. */
  selfSigned: Pem;
}

const LOCAL_SAN = 'subjectAltName=DNS:localhost,IP:127.0.0.1';
const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

const CA_CONFIG = `[ca]
default_ca = test_ca
[test_ca]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any
copy_extensions = copy
unique_subject = no
[any]
commonName = supplied
`;

let made: TestCerts | undefined;

/** Made once per process (EC keys: a few tens of ms), in a temporary directory removed right after. */
export function makeTestCerts(): TestCerts {
  if (made !== undefined) return made;
  const dir = mkdtempSync(path.join(tmpdir(), 'fenghuo-certs-'));
  const openssl = (...args: string[]): void => {
    const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.error?.message ?? r.stderr}`);
  };
  const read = (file: string): string => readFileSync(path.join(dir, file), 'utf8');
  try {
    writeFileSync(path.join(dir, 'ca.cnf'), CA_CONFIG);
    writeFileSync(path.join(dir, 'index.txt'), '');
    writeFileSync(path.join(dir, 'serial'), '1000\n');
    const selfSigned = ['-subj', '/CN=localhost', '-addext', LOCAL_SAN, '-days', '30'];
    openssl('req', '-x509', ...EC, '-keyout', 'self.key', '-out', 'self.crt', ...selfSigned);
    const caExtensions = ['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'];
    openssl('req', '-x509', ...EC, '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=Fenghuo Test CA', ...caExtensions, '-days', '365');
    openssl('req', '-new', ...EC, '-keyout', 'leaf.key', '-out', 'local.csr', '-subj', '/CN=localhost', '-addext', LOCAL_SAN);
    const otherSan = 'subjectAltName=DNS:other.example,DNS:www.other.example';
    openssl('req', '-new', '-key', 'leaf.key', '-out', 'other.csr', '-subj', '/CN=other.example', '-addext', otherSan);
    const sign = (csr: string, out: string, ...validity: string[]): void =>
      openssl(
        'ca',
        '-batch',
        '-notext',
        '-config',
        'ca.cnf',
        '-cert',
        'ca.crt',
        '-keyfile',
        'ca.key',
        '-in',
        csr,
        '-out',
        out,
        ...validity,
      );
    sign('local.csr', 'valid.crt', '-days', '90');
    sign('local.csr', 'soon.crt', '-days', '3');
    sign('local.csr', 'expired.crt', '-startdate', '20200101000000Z', '-enddate', '20200201000000Z');
    sign('other.csr', 'other.crt', '-days', '90');
    const leaf = (cert: string): Pem => ({ key: read('leaf.key'), cert: read(cert) });
    made = {
      ca: { key: read('ca.key'), cert: read('ca.crt') },
      valid: leaf('valid.crt'),
      expiringSoon: leaf('soon.crt'),
      expired: leaf('expired.crt'),
      otherHost: leaf('other.crt'),
      selfSigned: { key: read('self.key'), cert: read('self.crt') },
    };
    return made;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
