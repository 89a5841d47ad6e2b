import type { Hidden, Opt, RequiredNullable } from '@mikro-orm/core';

/** MikroORM's marks on entity property types (`Opt<T>`…): compile-time only, nothing of them is sent. */
type OrmMark = Opt.Brand | Hidden.Brand | RequiredNullable.Brand;

/**
 * The shape a value takes once sent by `res.json`: JSON.stringify turns each Date into its ISO
 * string (Date#toJSON), and MikroORM's type marks fall away. The back office types the API's
 * answers as `JsonOf<ReturnType<typeof serializeX>>`.
 */
export type JsonOf<T> = unknown extends T
  ? T
  : T extends Date
    ? string
    : T extends string | number | boolean | bigint | null | undefined
      ? T extends infer Plain & OrmMark
        ? Plain
        : T
      : T extends readonly (infer Item)[]
        ? JsonOf<Item>[]
        : { [Key in keyof T]: JsonOf<T[Key]> };
