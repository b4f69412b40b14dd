import type { PGlite } from '@electric-sql/pglite';

/**
 * The data directory of a running PGlite as a gzipped tarball. PGlite runs one transaction (or
 * statement) at a time, so inside a transaction of our own no other is half done; the checkpoint
 * writes every committed page into the files, so the copy opens without replaying the log.
 */
export function dumpPglite(client: PGlite): Promise<Uint8Array> {
	return client.transaction(async (tx) => {
		await tx.query('checkpoint');
		const tarball = await client.dumpDataDir('gzip');
		return new Uint8Array(await tarball.arrayBuffer());
	});
}
