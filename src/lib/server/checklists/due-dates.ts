import type { CatalogueItem } from '../db/schema';

const addDays = (iso: string, days: number) => {
	const d = new Date(`${iso}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
};

const clamp = (iso: string, from: string, to: string) => (iso < from ? from : iso > to ? to : iso);

/** An item's due date from its rule and the campaign's dates, always within the campaign. */
export function itemDueDate(due: CatalogueItem['due'], startsOn: string, dueOn: string): string {
	switch (due.rule) {
		case 'campaign_due':
			return dueOn;
		case 'days_after_start':
			return clamp(addDays(startsOn, due.days ?? 0), startsOn, dueOn);
		case 'days_before_due':
			return clamp(addDays(dueOn, -(due.days ?? 0)), startsOn, dueOn);
		case 'fixed':
			// A date from a historic letter means nothing for a campaign years later: then the campaign's own due.
			return due.date && due.date >= startsOn && due.date <= dueOn ? due.date : dueOn;
	}
}

export { addDays };
