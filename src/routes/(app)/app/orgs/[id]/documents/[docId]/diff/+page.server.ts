import { database } from '$lib/server/db/runtime';
import { requireActor } from '$lib/server/web/guards';
import { documentFor } from '$lib/server/web/document-page';
import { findVersion, versionsOf } from '$lib/server/documents/queries';
import { diffWords } from '$lib/server/documents/diff-versions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { doc } = await documentFor(requireActor(locals, url), params.id, params.docId, 'document.view');
	const db = database();
	const withText = (await versionsOf(db, doc.id)).filter((v) => v.hasSource !== null).map((v) => v.version);
	const pick = (name: string, fallback: number | undefined) => {
		const n = Number(url.searchParams.get(name));
		return withText.includes(n) ? n : fallback;
	};
	const b = pick('b', withText[0]);
	const a = pick('a', withText.find((v) => b !== undefined && v < b) ?? withText[1]);
	const problem = url.searchParams.has('a') && pick('a', undefined) === undefined ? 'Такой версии с текстом нет.' : null;
	if (a === undefined || b === undefined || a === b) return { versions: withText, a: a ?? null, b: b ?? null, diff: null, problem };
	const [va, vb] = await Promise.all([findVersion(db, doc.id, a), findVersion(db, doc.id, b)]);
	return { versions: withText, a, b, diff: diffWords(va!.source ?? '', vb!.source ?? ''), problem };
};
