import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A wiping station's token: `station_` and 43 base64url characters (32 random bytes). Only its
 * SHA-256 is stored; its first characters (`hint`) find the row and show which token an admin is
 * looking at, the hash comparison is made in constant time.
 */
export const STATION_TOKEN_PREFIX = 'station_';
const HINT_LENGTH = 8;
const STATION_TOKEN = /^station_[A-Za-z0-9_-]{43}$/;

export interface NewStationToken {
  token: string;
  hash: string;
  hint: string;
}

export const hashStationToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The token's public start, stored to find its row and shown in the list: `station_AbCd1234`. */
export const hintOf = (token: string): string => token.slice(0, STATION_TOKEN_PREFIX.length + HINT_LENGTH);

export function newStationToken(): NewStationToken {
  const token = STATION_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashStationToken(token), hint: hintOf(token) };
}

export const isStationTokenShape = (token: string): boolean => STATION_TOKEN.test(token);

/** `stored` is the hex SHA-256 kept in the database. */
export function tokenMatches(token: string, stored: string): boolean {
  const given = Buffer.from(hashStationToken(token), 'hex');
  const expected = Buffer.from(stored.trim(), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
