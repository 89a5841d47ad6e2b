import type { EntityManager } from '@mikro-orm/postgresql';
import { Device } from './device.entity.js';

/**
 * The device's fields are declared once, in the entity (`device.entity.ts`). From it come:
 * the fields the serializers and visibility checks read (`DeviceFields`: a loaded entity fits,
 * and so does a row read by plain SQL), the columns of `devices` and the plain-SQL row type
 * (`DEVICE_COLUMNS`, `DeviceRow`), and the API's JSON of a device (`serializeDevice`).
 * The scan and the transition, the busiest requests of the partner's desk, read devices by plain
 * SQL: MikroORM's findOne and hydration cost more CPU than the query itself.
 */
export type DeviceFields = Omit<Device, 'batch'> & { batch?: { id: number } | null };

export type Field = Exclude<keyof DeviceFields & string, `$${string}`>;

/** `ramGb` → `ram_gb`, as MikroORM's naming strategy names the column. */
type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Tail>}`
  : S;
type ColumnOf<F extends string> = F extends 'batch' ? 'batch_id' : SnakeCase<F>;

/** A row of `DEVICE_COLUMNS` as PostgreSQL returns it (timestamps as text, the batch as its id). */
export type DeviceRow = {
  [F in Field as ColumnOf<F>]: F extends 'batch' ? number | null : NonNullable<DeviceFields[F]> extends Date ? (null extends DeviceFields[F] ? string | null : string) : DeviceFields[F];
};

interface Column {
  field: Field;
  column: string;
  kind: 'date' | 'reference' | 'value';
}

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** Every property of the entity, with its column and how its value is read. */
export const DEVICE_FIELDS: readonly Column[] = Object.entries(Device.meta.properties).map(([field, property]) => {
  const reference = (property as { kind?: string }).kind === 'm:1';
  const date = (property as { type?: { name?: string } }).type?.name === 'DateTimeType';
  return { field: field as Field, column: reference ? `${snakeCase(field)}_id` : snakeCase(field), kind: reference ? 'reference' : date ? 'date' : 'value' };
});

/** Every column of `devices` (for `select` and `returning`). */
export const DEVICE_COLUMNS = DEVICE_FIELDS.map((field) => field.column).join(', ');

/** A row of `DEVICE_COLUMNS` as the serializers read it, dates parsed exactly as MikroORM parses them. */
export function deviceFromRow(em: EntityManager, row: DeviceRow): DeviceFields {
  const platform = em.getPlatform();
  const values = row as unknown as Record<string, unknown>;
  const device: Record<string, unknown> = {};
  for (const { field, column, kind } of DEVICE_FIELDS) {
    const value = values[column];
    if (kind === 'date') device[field] = value === null ? null : platform.parseDate(value as string);
    else if (kind === 'reference') device[field] = value === null ? null : { id: value };
    else device[field] = value;
  }
  return device as unknown as DeviceFields;
}
