/**
 * Single logout: signing out of Réemploi ends its session (the token is dropped), then the login
 * page offers to end the identity provider's session too, at its end-session address.
 */
const CURRENT_KEY = 'reemploi.providerSession';
const OFFER_KEY = 'reemploi.providerSignOut';

export interface ProviderSession {
  name: string;
  endSessionUrl: string;
}

export function saveProviderSession(session: ProviderSession | null): void {
  sessionStorage.removeItem(OFFER_KEY);
  if (session) localStorage.setItem(CURRENT_KEY, JSON.stringify(session));
  else localStorage.removeItem(CURRENT_KEY);
}

/** At sign-out: the provider's session is offered to be ended on the login page. */
export function offerProviderSignOut(): void {
  const current = localStorage.getItem(CURRENT_KEY);
  localStorage.removeItem(CURRENT_KEY);
  if (current) sessionStorage.setItem(OFFER_KEY, current);
}

export function providerSignOutOffer(): ProviderSession | null {
  try {
    const offer = JSON.parse(sessionStorage.getItem(OFFER_KEY) ?? 'null') as ProviderSession | null;
    return offer && typeof offer.endSessionUrl === 'string' && /^https?:\/\//.test(offer.endSessionUrl) ? offer : null;
  } catch {
    return null;
  }
}

export function forgetProviderSignOutOffer(): void {
  sessionStorage.removeItem(OFFER_KEY);
}
