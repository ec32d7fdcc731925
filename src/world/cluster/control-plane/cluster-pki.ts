import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { InfraError } from '../../../util/errors.ts';

const run = promisify(execFile);

/** The files of a local control plane's PKI, all in its state dir. */
export interface ClusterPki {
  caCert: string;
  caKey: string;
  /** kube-apiserver's serving certificate, for 127.0.0.1 and localhost. */
  serverCert: string;
  serverKey: string;
  /** A client in system:masters, used by firedrill, the controllers and kwok (one trust domain, one machine). */
  adminCert: string;
  adminKey: string;
  /** Signs and verifies service-account tokens (kube-apiserver, kube-controller-manager). */
  serviceAccountKey: string;
  serviceAccountPub: string;
}

/**
 * Generates the PKI with the openssl CLI: node:crypto makes keys but cannot issue X.509
 * certificates, and openssl is on every machine that has git's TLS. P-256 keys: generated in
 * milliseconds, where RSA 2048 takes a noticeable part of a start-up on 2 busy cores.
 */
export async function generateClusterPki(dir: string): Promise<ClusterPki> {
  const f = (name: string): string => join(dir, name);
  const pki: ClusterPki = {
    caCert: f('ca.crt'), caKey: f('ca.key'),
    serverCert: f('apiserver.crt'), serverKey: f('apiserver.key'),
    adminCert: f('admin.crt'), adminKey: f('admin.key'),
    serviceAccountKey: f('sa.key'), serviceAccountPub: f('sa.pub'),
  };
  await Promise.all([pki.caKey, pki.serverKey, pki.adminKey, pki.serviceAccountKey].map((key) => openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key)));
  await openssl('pkey', '-in', pki.serviceAccountKey, '-pubout', '-out', pki.serviceAccountPub);
  await openssl('req', '-x509', '-new', '-key', pki.caKey, '-subj', '/CN=firedrill-local-ca', '-days', '3650', '-out', pki.caCert,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature');
  await Promise.all([
    issue(pki, pki.serverKey, pki.serverCert, '/CN=kube-apiserver', ['subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc', 'extendedKeyUsage=serverAuth']),
    issue(pki, pki.adminKey, pki.adminCert, '/O=system:masters/CN=firedrill-admin', ['extendedKeyUsage=clientAuth']),
  ]);
  return pki;
}

function issue(pki: ClusterPki, key: string, cert: string, subject: string, extensions: string[]): Promise<void> {
  return openssl('req', '-x509', '-new', '-key', key, '-CA', pki.caCert, '-CAkey', pki.caKey, '-subj', subject, '-days', '365', '-out', cert,
    '-addext', 'basicConstraints=critical,CA:FALSE', '-addext', 'keyUsage=critical,digitalSignature,keyEncipherment', ...extensions.flatMap((e) => ['-addext', e]));
}

async function openssl(...args: string[]): Promise<void> {
  try {
    await run('openssl', args);
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    throw new InfraError(e.code === 'ENOENT' ? 'openssl is not installed (the local control plane generates its certificates with it)' : `openssl ${args[0]} failed: ${String(e.stderr ?? e.message).trim()}`, {
      hint: e.code === 'ENOENT' ? 'install it: apt-get install openssl' : undefined,
      cause: err,
    });
  }
}
