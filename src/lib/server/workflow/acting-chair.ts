import type { Database } from '../db';
import type { DocumentRow, Organization } from '../db/schema';
import { ForbiddenError, type Actor } from '../auth/permissions';
import { ValidationError } from '../forms/errors';
import { notifyUsers } from '../notifications/notify';
import { ACTING_FOR_CHAIR_LABEL, ACTING_REASON_MAX } from '../../workflow/labels';
import { currentWorkingGroup } from './working-group';
import { documentLink, workflowRoles } from './route';
import type { WorkflowActor } from './state-machine';

/** What the audit event of a chair's step carries when the director took it for an absent chair. */
export interface ActingForChair {
	onBehalfOf: 'chair';
	chairId: string;
	chair: string;
	onBehalfReason: string;
}

/**
 * The roles for a chair's step (open or close the discussion, close a round by majority). The
 * chair takes it as such; the director may take it for a chair who is away, by ticking the
 * choice and writing why — then the step is recorded as done for the chair.
 */
export async function chairStepRoles(
	tx: Database,
	actor: Actor,
	org: Organization,
	doc: DocumentRow,
	raw: Record<string, string>
): Promise<{ roles: WorkflowActor[]; acting: ActingForChair | null }> {
	const roles = await workflowRoles(tx, actor, org, doc);
	const chair = (await currentWorkingGroup(tx, org.id)).find((m) => m.role === 'chair');
	// Without a chair, or when the director is the chair, the director's step is the chair's own.
	if (!chair || chair.userId === actor.id) return { roles, acting: null };
	if (raw.actingForChair !== 'on') {
		// Without the choice the step stays the chair's: the table refuses the director as before.
		if (roles.includes('director') && !roles.includes('chair'))
			throw new ForbiddenError(
				`Это шаг председателя рабочей группы (${chair.fullName}). Если он отсутствует, отметьте «${ACTING_FOR_CHAIR_LABEL}» и укажите причину.`
			);
		return { roles, acting: null };
	}
	if (!roles.includes('director'))
		throw new ForbiddenError(
			'За отсутствующего председателя рабочей группы действует только руководитель.'
		);
	const reason = (raw.actingReason ?? '').trim();
	if (!reason)
		throw new ValidationError({
			actingReason:
				'Укажите, почему председатель не может сделать это сам (например: «в отпуске до 15.12»).'
		});
	if (reason.length > ACTING_REASON_MAX)
		throw new ValidationError({ actingReason: `Не длиннее ${ACTING_REASON_MAX} символов.` });
	return {
		roles: [...roles, 'chair'],
		acting: {
			onBehalfOf: 'chair',
			chairId: chair.userId,
			chair: chair.fullName,
			onBehalfReason: reason
		}
	};
}

/** Tells the chair the director took their step, and why. */
export async function tellChair(
	tx: Database,
	actor: Actor,
	org: Organization,
	doc: DocumentRow,
	acting: ActingForChair | null,
	what: string
) {
	if (!acting) return;
	await notifyUsers(tx, [acting.chairId], {
		organizationId: org.id,
		documentId: doc.id,
		kind: 'acted_for_chair',
		title: 'Руководитель выполнил шаг за вас',
		body: `«${doc.title}»: ${actor.fullName} ${what} за председателя рабочей группы. Причина: ${acting.onBehalfReason}`,
		link: documentLink(doc)
	});
}
