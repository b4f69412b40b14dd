import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import { memberships } from '../db/schema';
import { parseDate } from '../orgs/validation';
import { isUuid } from '../orgs/queries';

const optionalDate = (label: string) =>
	z
		.string()
		.trim()
		.transform((v, ctx) => {
			if (!v) return null;
			const d = parseDate(v);
			if (!d) {
				ctx.addIssue({ code: 'custom', message: `${label}: укажите дату в виде ДД.ММ.ГГГГ.` });
				return z.NEVER;
			}
			return d;
		});

/** The registry fields every document has, whichever way it was made. */
export const documentDetailsInput = z.object({
	title: z
		.string()
		.trim()
		.min(1, 'Укажите название документа.')
		.max(500, 'Название: не больше 500 символов.'),
	number: z
		.string()
		.trim()
		.max(50, 'Номер: не больше 50 символов.')
		.transform((v) => v || null),
	documentDate: optionalDate('Дата документа'),
	place: z
		.string()
		.trim()
		.max(200, 'Место составления: не больше 200 символов.')
		.transform((v) => v || null),
	effectiveDate: optionalDate('Дата вступления в силу'),
	responsibleId: z
		.string()
		.trim()
		.refine((v) => v === '' || isUuid(v), { message: 'Выберите ответственного из списка.' })
		.transform((v) => v || null)
});

export type DocumentDetails = z.output<typeof documentDetailsInput>;

export function detailsFormValues(raw: Record<string, string | undefined>) {
	return Object.fromEntries(
		Object.keys(documentDetailsInput.shape).map((k) => [k, raw[k] ?? ''])
	) as Record<keyof DocumentDetails, string>;
}

/** The responsible person must work in the organisation; anyone else is refused by name of the field. */
export async function responsibleBelongs(
	db: Database,
	orgId: string,
	userId: string | null
): Promise<boolean> {
	if (!userId) return true;
	const [row] = await db
		.select({ id: memberships.id })
		.from(memberships)
		.where(and(eq(memberships.organizationId, orgId), eq(memberships.userId, userId)))
		.limit(1);
	return !!row;
}

export const RESPONSIBLE_OUTSIDE = 'Ответственным может быть только сотрудник этой организации.';
