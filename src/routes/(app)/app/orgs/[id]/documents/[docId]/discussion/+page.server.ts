import { database } from '$lib/server/db/runtime';
import { requireActor } from '$lib/server/web/guards';
import { documentAction, documentFor } from '$lib/server/web/document-page';
import {
	answerComment,
	commentsOf,
	discussionOf,
	moderateComment
} from '$lib/server/workflow/discussion';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { doc } = await documentFor(
		requireActor(locals, url),
		params.id,
		params.docId,
		'document.view'
	);
	const db = database();
	const discussion = await discussionOf(db, doc.id);
	return { discussion, comments: discussion ? await commentsOf(db, discussion.id) : [] };
};

export const actions: Actions = {
	moderate: documentAction('document.view', async ({ actor, org, values }) => {
		await moderateComment(database(), actor, org, values.commentId ?? '', values);
		return { moderated: values.verdict };
	}),
	answer: documentAction('document.view', async ({ actor, org, values }) => {
		await answerComment(database(), actor, org, values.commentId ?? '', values);
		return { answered: true };
	})
};
