/**
 * Open a store at a location (`sqlite:FILE` or `postgres://...`). The database bindings are native
 * or large modules, imported only here and only for the backend asked for, so that loading the CLI
 * (or the rest of the library) never loads them.
 */
import type { StoreLocation } from './sql.js';
import { Store } from './store.js';

export async function openStore(location: StoreLocation): Promise<Store> {
  if (location.backend === 'sqlite') {
    const { openSqlite } = await import('./sqlite.js');
    return Store.over(openSqlite(location.file, location.synchronous));
  }
  const { openPostgres } = await import('./postgres.js');
  const driver = openPostgres(location.url);
  try {
    return await Store.over(driver);
  } catch (e) {
    await driver.close().catch(() => undefined);
    throw e;
  }
}
