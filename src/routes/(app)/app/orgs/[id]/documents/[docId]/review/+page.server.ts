import { database } from '$lib/server/db/runtime';
import { requireActor } from '$lib/server/web/guards';
import { documentAction, documentFor, versionParam } from '$lib/server/web/document-page';
import { findVersion } from '$lib/server/documents/queries';
import { commentParagraph, openRound, reviewHistory } from '$lib/server/workflow/review';
import { paragraphsOf, paragraphView } from '$lib/server/workflow/paragraphs';
import { newSubmissionKey, submitOnce } from '$lib/server/forms/submission';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { doc } = await documentFor(
		requireActor(locals, url),
		params.id,
		params.docId,
		'document.view'
	);
	const db = database();
	const round = await openRound(db, doc.id);
	// The round's fixed version by default: remarks are made on what is being decided.
	const shown = url.searchParams.has('v')
		? versionParam(url, doc)
		: (round?.version ?? doc.currentVersion);
	const version = await findVersion(db, doc.id, shown);
	const history = await reviewHistory(db, doc.id);
	return {
		shown,
		paragraphs: version?.source ? paragraphsOf(version.source).map(paragraphView) : [],
		comments: history.comments,
		roundVersion: round?.version ?? null,
		submissionKey: newSubmissionKey()
	};
};

export const actions: Actions = {
	comment: documentAction('document.view', async ({ actor, org, doc, values }) => {
		await submitOnce(
			database(),
			actor.id,
			`review.comment:${doc.id}`,
			values.submissionKey,
			(tx) => commentParagraph(tx, actor, org, doc.id, values),
			() => ({})
		);
		return { commented: true };
	})
};
