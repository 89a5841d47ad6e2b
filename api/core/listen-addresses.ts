import os from 'node:os';

/**
 * What the app says at start-up about where it can be reached: the address(es) it answers on, and
 * a warning when PUBLIC_URL (printed in certificate and voucher QR codes) names this machine by
 * its localhost name while other machines reach it by another address.
 */

const WILDCARD_HOSTS = new Set(['', '0.0.0.0', '::']);

/** localhost, 127.x.x.x, ::1 and *.localhost: names that mean "this machine" on every machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host);
}

const urlOf = (address: string, port: number) => `http://${address.includes(':') ? `[${address}]` : address}:${port}`;

/**
 * The addresses the app answers on: the one given in HOST, or, listening on every interface,
 * localhost and the address of each network interface (link-local IPv6 left out: a browser
 * cannot use it without a zone).
 */
export function answeringUrls(port: number, host: string | undefined, interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces()): string[] {
  if (host && !WILDCARD_HOSTS.has(host)) return [urlOf(host, port)];
  const addresses = Object.values(interfaces)
    .flatMap((infos) => infos ?? [])
    .filter((info) => !info.internal && !(info.family === 'IPv6' && info.address.toLowerCase().startsWith('fe80:')))
    .map((info) => urlOf(info.address, port));
  return [`http://localhost:${port}`, ...addresses];
}

/** A warning when PUBLIC_URL is a localhost address while the app also answers on other addresses, else null. */
export function publicUrlWarning(publicUrl: string, urls: string[]): string | null {
  if (!isLoopbackHost(new URL(publicUrl).hostname)) return null;
  const others = urls.filter((url) => !isLoopbackHost(new URL(url).hostname));
  if (others.length === 0) return null;
  return (
    `PUBLIC_URL is ${publicUrl}, a localhost address, while Réemploi also answers on ${others.join(', ')}: ` +
    'the QR codes of certificates and vouchers would send whoever scans them to their own machine. ' +
    `Set PUBLIC_URL to the address other machines use (for example PUBLIC_URL=${others[0]}), or HOST=127.0.0.1 to answer on this machine only.`
  );
}
