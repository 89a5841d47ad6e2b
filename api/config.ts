import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from './core/zod.js';
import { readClockTolerance, readOidcProviders, type OidcProviderConfig } from './users/oidc/oidc-config.js';
import { generateSignerKey } from './transparency/signed-note.js';

/** One typed configuration object, read from the environment and validated once at start-up. */
export interface AppConfig {
  port: number;
  /** The address to listen on (HOST); every interface when unset. */
  host?: string;
  databaseUrl?: string;
  dataDir: string;
  /** Demo mode: embedded database, demo accounts; only when no DATABASE_URL is given. */
  demo: boolean;
  jwtSecret: string;
  jwtExpiresIn: string;
  assetTagFormat: { prefix: string; digits: number };
  logLevel: string;
  loginRateLimit: number;
  /** Base address printed in certificate QR codes, e.g. https://reemploi.lenord.fr */
  publicUrl: string;
  /** Who performs the sanitization, as printed on certificates. */
  organisationName: string;
  /** Days after which a referral without a device expires. */
  referralExpiryDays: number;
  /** Months without activity after which a beneficiary is anonymised (CNIL: 24). */
  retentionMonths: number;
  /** Months the log of reads of personal data is kept. */
  accessLogRetentionMonths: number;
  /** Months the administration log (logins, admin actions) is kept; 6 at least. */
  adminLogRetentionMonths: number;
  /** Months notifications (and the e-mails sent from them) are kept. */
  notificationRetentionMonths: number;
  /** SMTP server for e-mail notifications, e.g. smtp://user:pass@smtp.lenord.fr:587; e-mail is off without it. */
  smtpUrl?: string;
  mailFrom: string;
  /** Which proxies' X-Forwarded-For to believe (Express `trust proxy`): the client IP that login throttling counts. */
  trustProxy: string;
  /** OpenID Connect providers offered on the login page (none: password login only). */
  oidcProviders: OidcProviderConfig[];
  /** Seconds of clock difference tolerated when checking an ID token (bounded: 5 minutes at most). */
  oidcClockTolerance: number;
  /** The transparency log's name, first line of every checkpoint and name of its signing key. */
  transparencyOrigin: string;
  /** Ed25519 key signing the checkpoints (sumdb/note format); generated in the data folder in demo mode; none: checkpoints are not signed. */
  transparencySigningKey?: string;
  /** Addresses each new checkpoint is e-mailed to (the partner, the DPO): a copy outside the server. */
  transparencyWitnesses: string[];
}

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().regex(/^[\w.:-]+$/, 'an IP address or a host name, e.g. 127.0.0.1').optional(),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  JWT_SECRET: z.string().optional(),
  JWT_EXPIRES_IN: z.string().default('9h'),
  ASSET_TAG_PREFIX: z.string().regex(/^[A-Z0-9]{1,8}$/, 'letters and digits only, 1 to 8').default('CD59'),
  ASSET_TAG_DIGITS: z.coerce.number().int().min(4).max(10).default(6),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'smtp:// ou smtps://').optional(),
  MAIL_FROM: z.string().min(3).default('Réemploi <reemploi@lenord.fr>'),
  REFERRAL_EXPIRY_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).default(24),
  ACCESS_LOG_RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  TRUST_PROXY: z.string().regex(/^[\w.:/, ]+$/, 'loopback, an address, a CIDR range or a list of them').default('loopback'),
  ADMIN_LOG_RETENTION_MONTHS: z.coerce.number().int().min(6).max(120).default(12),
  NOTIFICATION_RETENTION_MONTHS: z.coerce.number().int().min(1).max(24).default(6),
  ORGANISATION_NAME: z.string().min(2).default('Département du Nord — Direction des systèmes d’information'),
  TRANSPARENCY_ORIGIN: z.string().regex(/^[^\s+]+$/, 'no space, no +').optional(),
  TRANSPARENCY_SIGNING_KEY: z.string().startsWith('PRIVATE+KEY+').optional(),
  TRANSPARENCY_WITNESSES: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((address) => address.trim()).filter(Boolean))
    .pipe(z.array(z.string().email('an e-mail address'))),
});

export class ConfigError extends Error {}

/** A secret a brute force cannot reach: 32+ characters that are not all the same. */
export function isStrongSecret(secret: string | undefined): secret is string {
  return !!secret && secret.length >= 32 && new Set(secret).size >= 10;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const values = parsed.data;
  const demo = !values.DATABASE_URL;
  const dataDir = path.resolve(values.DATA_DIR);
  let jwtSecret = values.JWT_SECRET;
  if (!isStrongSecret(jwtSecret)) {
    if (!demo) {
      throw new ConfigError(
        'JWT_SECRET must be set to a random string of at least 32 characters when DATABASE_URL is set ' +
          '(for example: openssl rand -base64 48).',
      );
    }
    jwtSecret = demoJwtSecret(dataDir);
  }
  const publicUrl = (values.PUBLIC_URL ?? `http://localhost:${values.PORT}`).replace(/\/$/, '');
  let oidcProviders: OidcProviderConfig[];
  let oidcClockTolerance: number;
  try {
    oidcProviders = readOidcProviders(env, publicUrl);
    oidcClockTolerance = readClockTolerance(env);
  } catch (error) {
    throw new ConfigError(`Invalid configuration: ${(error as Error).message}`);
  }
  return {
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL,
    dataDir,
    demo,
    jwtSecret,
    jwtExpiresIn: values.JWT_EXPIRES_IN,
    assetTagFormat: { prefix: values.ASSET_TAG_PREFIX, digits: values.ASSET_TAG_DIGITS },
    logLevel: values.LOG_LEVEL,
    loginRateLimit: values.LOGIN_RATE_LIMIT,
    publicUrl,
    organisationName: values.ORGANISATION_NAME,
    referralExpiryDays: values.REFERRAL_EXPIRY_DAYS,
    retentionMonths: values.RETENTION_MONTHS,
    accessLogRetentionMonths: values.ACCESS_LOG_RETENTION_MONTHS,
    adminLogRetentionMonths: values.ADMIN_LOG_RETENTION_MONTHS,
    notificationRetentionMonths: values.NOTIFICATION_RETENTION_MONTHS,
    smtpUrl: values.SMTP_URL,
    mailFrom: values.MAIL_FROM,
    trustProxy: values.TRUST_PROXY,
    oidcProviders,
    oidcClockTolerance,
    ...transparencyConfig(values, demo, dataDir),
    transparencyWitnesses: values.TRANSPARENCY_WITNESSES,
  };
}

/** The log's origin (the public address's host and path, `/custody`) and, in demo mode, a key kept in the data folder. */
function transparencyConfig(values: { TRANSPARENCY_ORIGIN?: string; TRANSPARENCY_SIGNING_KEY?: string; PUBLIC_URL?: string; PORT: number }, demo: boolean, dataDir: string) {
  const publicUrl = new URL(values.PUBLIC_URL ?? `http://localhost:${values.PORT}`);
  const origin = values.TRANSPARENCY_ORIGIN ?? `${publicUrl.host}${publicUrl.pathname.replace(/\/$/, '')}/custody`;
  const signingKey = values.TRANSPARENCY_SIGNING_KEY ?? (demo ? demoSigningKey(dataDir, origin) : undefined);
  return { transparencyOrigin: origin, transparencySigningKey: signingKey };
}

function demoSigningKey(dataDir: string, origin: string): string {
  const file = path.join(dataDir, 'transparency-signing-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = generateSignerKey(origin);
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

/** In demo mode the secret is generated once per data folder, so tokens survive a restart. */
function demoJwtSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
