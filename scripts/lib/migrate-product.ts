import { createKysely } from '../../src/lib/server/db/connect';
import { migrateProduct } from '../../src/lib/server/db/migrate';

export async function applyProductMigrations(url: string): Promise<string[]> {
  const db = createKysely(url, { max: 1, applicationName: 'oversight-migrate' });
  try {
    return await migrateProduct(db);
  } finally {
    await db.destroy();
  }
}
