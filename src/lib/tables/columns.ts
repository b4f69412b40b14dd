// Which columns of a table a person asked for in the address (`?cols=a,b,c` or repeated `cols`).

/**
 * The known keys named in `raw`, in the table's own order and each once; unknown keys are
 * dropped. Nothing known asked for (or nothing asked at all) gives the defaults; the `always`
 * keys (the first column, which names the row) are shown whatever was asked.
 */
export function parseColumnChoice<K extends string>(
	raw: readonly string[],
	known: readonly K[],
	defaults: readonly K[],
	always: readonly K[] = []
): { columns: K[]; chosen: boolean } {
	const asked = new Set(raw.flatMap((value) => value.split(',')).map((key) => key.trim()));
	const picked = known.filter((key) => asked.has(key) && !always.includes(key));
	const chosen = picked.length > 0;
	const shown = new Set<K>([...always, ...(chosen ? picked : defaults)]);
	return { columns: known.filter((key) => shown.has(key)), chosen };
}

/** The choice as one `cols` value for links; empty when it is the default one. */
export function columnQuery<K extends string>(
	columns: readonly K[],
	defaults: readonly K[]
): string {
	const same = columns.length === defaults.length && columns.every((key) => defaults.includes(key));
	return same ? '' : columns.join(',');
}
