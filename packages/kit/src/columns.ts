import { sql } from 'drizzle-orm';
import { bigint, datetime } from 'drizzle-orm/mysql-core';

/** Column helpers every subgraph's Drizzle schema uses alike (valid on MySQL 8 and MariaDB 10.11). */

/** `id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY`, read as a JS number. */
export const idColumn = () => bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey();

/** A reference to another row's id (this database's or another subgraph's). */
export const refColumn = (name: string) => bigint(name, { mode: 'number', unsigned: true });

/** An integer amount of money in cents, or a points count. */
export const amountColumn = (name: string) => bigint(name, { mode: 'number' });

/** `created_at DATETIME(3)`, set by the database. */
export const createdAtColumn = () =>
  datetime('created_at', { mode: 'date', fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`);

/** `updated_at DATETIME(3)`, set on insert by the database and on every Drizzle update. */
export const updatedAtColumn = () =>
  datetime('updated_at', { mode: 'date', fsp: 3 })
    .notNull()
    .default(sql`CURRENT_TIMESTAMP(3)`)
    .$onUpdate(() => new Date());

/** A nullable point in time. */
export const timeColumn = (name: string) => datetime(name, { mode: 'date', fsp: 3 });
