import { z } from 'zod';

/** Bumped when the layout of the backup file changes; restore refuses a format it does not know. */
export const FORMAT = 'reemploi-backup';
export const FORMAT_VERSION = 1;

const identifier = z.string().regex(/^[a-z0-9_]{1,63}$/);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const ManifestSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.number().int().positive(),
  createdAt: z.string(),
  application: z.object({ name: z.string(), version: z.string() }),
  /** `server_version` of the PostgreSQL that was backed up. */
  postgres: z.string(),
  database: z.string(),
  /** Applied migrations, oldest first: restore builds the same schema before loading the data. */
  migrations: z.array(z.object({ name: z.string().regex(/^[A-Za-z0-9_]+$/), executedAt: z.string().nullable() })).min(1),
  /** Tables in the order they were written (parents before children). */
  tables: z.array(
    z.object({
      name: identifier,
      columns: z.array(z.string().regex(/^[a-z0-9_]{1,63}$/)).min(1),
      rows: z.number().int().nonnegative(),
      bytes: z.number().int().nonnegative(),
      sha256,
      file: z.string(),
    }),
  ),
  sequences: z.array(z.object({ name: identifier, lastValue: z.string().regex(/^-?\d+$/), isCalled: z.boolean() })),
});

export type Manifest = z.infer<typeof ManifestSchema>;

/** PostgreSQL settings that make COPY's text output byte-for-byte reproducible (checksums) and unambiguous to read back. */
export const SESSION_SETTINGS = [
  `set timezone = 'UTC'`,
  `set datestyle = 'ISO, YMD'`,
  `set intervalstyle = 'postgres'`,
  `set extra_float_digits = 3`,
  `set bytea_output = 'hex'`,
  `set client_encoding = 'UTF8'`,
  `set standard_conforming_strings = on`,
];

export const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
