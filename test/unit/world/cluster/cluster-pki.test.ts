import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateClusterPki } from '../../../../src/world/cluster/control-plane/cluster-pki.ts';
import { writeKubeconfig } from '../../../../src/world/cluster/control-plane/kubeconfig-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'firedrill-pki-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the local control plane PKI (openssl)', () => {
  it('issues a serving certificate for 127.0.0.1 and an admin client in system:masters, both from the CA', async () => {
    const pki = await generateClusterPki(dir);
    const ca = new X509Certificate(readFileSync(pki.caCert));
    const server = new X509Certificate(readFileSync(pki.serverCert));
    const admin = new X509Certificate(readFileSync(pki.adminCert));
    expect(ca.ca).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(admin.verify(ca.publicKey)).toBe(true);
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.ca).toBe(false);
    expect(admin.subject).toMatch(/O=system:masters/);
    expect(admin.keyUsage ?? []).not.toContain('1.3.6.1.5.5.7.3.1');
    expect(admin.keyUsage).toContain('1.3.6.1.5.5.7.3.2');
    // The service-account key pair matches: the public key derived from the private one is the .pub file.
    const derived = execFileSync('openssl', ['pkey', '-in', pki.serviceAccountKey, '-pubout'], { encoding: 'utf8' });
    expect(derived).toBe(readFileSync(pki.serviceAccountPub, 'utf8'));

    const kubeconfig = join(dir, 'kubeconfig');
    await writeKubeconfig(kubeconfig, { name: 'unit', server: 'https://127.0.0.1:6443', pki });
    const doc = parse(readFileSync(kubeconfig, 'utf8'));
    expect(doc['current-context']).toBe('firedrill-unit');
    expect(doc.clusters[0].cluster).toEqual({ server: 'https://127.0.0.1:6443', 'certificate-authority': pki.caCert });
    expect(doc.users[0].user).toEqual({ 'client-certificate': pki.adminCert, 'client-key': pki.adminKey });
  });
});
