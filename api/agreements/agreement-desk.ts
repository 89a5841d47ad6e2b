/**
 * What an agreement says about meeting residents, without the ORM (the back office's form reads
 * the same limits): how the desk checks who comes, and the places printed on the voucher.
 */

/**
 * How the reception desk makes sure the person is the one referred: the voucher's code and the
 * first name the person says, or an identity document.
 */
export const IDENTITY_CHECKS = ['voucher_and_first_name', 'identity_document'] as const;
export type IdentityCheck = (typeof IDENTITY_CHECKS)[number];

/** A place where residents come with their voucher, in plain words for the voucher (no map). */
export interface AgreementShop {
  name: string;
  address: string;
  openingHours: string;
  /** How to get there without a map: bus or metro stop, a landmark. */
  directions: string;
}

/** The voucher is one page: two places, each in a few short sentences, fit beside each other (tests/api/referrals.test.ts prints the longest). */
export const MAX_SHOPS = 2;
export const SHOP_TEXT_MAX = { name: 50, address: 90, openingHours: 100, directions: 120 } as const;

