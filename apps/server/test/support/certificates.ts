import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A throw-away certificate authority and a server certificate it signed, made with the openssl
 * command line (Node can verify certificates but not issue them). For TURN over TLS in tests:
 * LiveKit serves `certFile`/`keyFile`, and a client that trusts `caFile` accepts it.
 */
export interface TestCertificates {
  caFile: string;
  certFile: string;
  keyFile: string;
}

function openssl(args: string[], cwd: string): void {
  const res = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (res.error) throw new Error(`openssl is not installed (${res.error.message})`);
  if (res.status !== 0) throw new Error(`openssl ${args[0]} failed: ${res.stderr}`);
}

/** Writes `ca.pem`, `<domain>.crt` and `<domain>.key` into `dir` (P-256 keys, valid 2 days). */
export function createTestCertificates(dir: string, domain: string): TestCertificates {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    [
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=Stagecast test CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  openssl(
    ['req', ...ec, '-keyout', `${domain}.key`, '-out', 'server.csr', '-subj', `/CN=${domain}`],
    dir,
  );
  writeFileSync(
    join(dir, 'server.ext'),
    [
      `subjectAltName=DNS:${domain}`,
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
    ].join('\n'),
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${domain}.crt`,
      '-days',
      '2',
      '-extfile',
      'server.ext',
    ],
    dir,
  );
  return {
    caFile: join(dir, 'ca.pem'),
    certFile: join(dir, `${domain}.crt`),
    keyFile: join(dir, `${domain}.key`),
  };
}

/** Another P-256 private key (PEM) in `dir`: one that matches no certificate. */
export function createStrayKey(dir: string): string {
  openssl(
    ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'stray.key'],
    dir,
  );
  return join(dir, 'stray.key');
}
