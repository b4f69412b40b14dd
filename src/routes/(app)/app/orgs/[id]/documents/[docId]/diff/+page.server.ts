import { database } from '$lib/server/db/runtime';
import { requireActor } from '$lib/server/web/guards';
import { documentFor } from '$lib/server/web/document-page';
import { findVersion, versionsOf } from '$lib/server/documents/queries';
import { compareVersions } from '$lib/server/documents/diff-versions';
import { versionTitle } from '$lib/server/documents/diff-versions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { org, doc } = await documentFor(
		requireActor(locals, url),
		params.id,
		params.docId,
		'document.view'
	);
	const db = database();
	const withText = (await versionsOf(db, doc.id)).filter((v) => v.hasSource !== null);
	const numbers = withText.map((v) => v.version);
	const versions = withText.map((v) => ({
		version: v.version,
		title: versionTitle(v, org.timeZone)
	}));
	const pick = (name: string, fallback: number | undefined) => {
		const n = Number(url.searchParams.get(name));
		return numbers.includes(n) ? n : fallback;
	};
	const b = pick('b', numbers[0]);
	const a = pick('a', numbers.find((v) => b !== undefined && v < b) ?? numbers[1]);
	const onlyChanges = url.searchParams.get('only') === '1';
	const problem =
		url.searchParams.has('a') && pick('a', undefined) === undefined
			? 'Такой версии с текстом нет.'
			: null;
	const result = { versionChoices: versions, a: a ?? null, b: b ?? null, onlyChanges, problem };
	if (a === undefined || b === undefined || a === b) return { ...result, comparison: null };
	const [va, vb] = await Promise.all([findVersion(db, doc.id, a), findVersion(db, doc.id, b)]);
	return {
		...result,
		comparison: compareVersions(va!.source ?? '', vb!.source ?? '', { onlyChanges })
	};
};
