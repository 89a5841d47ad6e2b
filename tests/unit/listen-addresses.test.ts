import { describe, expect, it } from 'vitest';
import { answeringUrls, isLoopbackHost, publicUrlWarning } from '../../api/core/listen-addresses.js';

const INTERFACES = {
  lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
  eth0: [
    { address: '192.0.2.2', netmask: '255.255.255.0', family: 'IPv4', mac: '02:fc:00:00:00:01', internal: false, cidr: '192.0.2.2/24' },
    { address: 'fd00::2', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '02:fc:00:00:00:01', internal: false, cidr: 'fd00::2/64', scopeid: 0 },
    { address: 'fe80::fc:ff:fe00:1', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '02:fc:00:00:00:01', internal: false, cidr: 'fe80::fc:ff:fe00:1/64', scopeid: 4 },
  ],
} as const;

describe('Where the app answers (start-up message)', () => {
  it('lists localhost and each network address when listening on every interface, link-local IPv6 left out', () => {
    expect(answeringUrls(3000, undefined, INTERFACES as never)).toEqual(['http://localhost:3000', 'http://192.0.2.2:3000', 'http://[fd00::2]:3000']);
    expect(answeringUrls(3000, '0.0.0.0', INTERFACES as never)).toHaveLength(3);
    expect(answeringUrls(3000, '127.0.0.1', INTERFACES as never)).toEqual(['http://127.0.0.1:3000']);
  });

  it('warns only when PUBLIC_URL is a localhost address and other machines can reach the app', () => {
    const everywhere = answeringUrls(3000, undefined, INTERFACES as never);
    expect(publicUrlWarning('http://localhost:3000', everywhere)).toMatch(/^PUBLIC_URL is http:\/\/localhost:3000, a localhost address, while Réemploi also answers on http:\/\/192\.0\.2\.2:3000, http:\/\/\[fd00::2\]:3000/);
    expect(publicUrlWarning('http://127.0.0.1:3000', everywhere)).toMatch(/PUBLIC_URL=http:\/\/192\.0\.2\.2:3000/);
    expect(publicUrlWarning('http://192.0.2.2:3000', everywhere)).toBeNull();
    expect(publicUrlWarning('https://reemploi.lenord.fr', everywhere)).toBeNull();
    expect(publicUrlWarning('http://localhost:3000', ['http://127.0.0.1:3000'])).toBeNull();
  });

  it('knows the names of this machine', () => {
    for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '[::1]', 'app.localhost']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['reemploi.test', '192.0.2.2', 'localhost.example.org', '[fd00::2]']) expect(isLoopbackHost(host), host).toBe(false);
  });
});
