import type { Database } from '../db';
import type { Organization } from '../db/schema';
import { escapeHtml } from '../render/html';
import { websiteHref } from '../public/organization-page';
import { svedenDocuments, unsignedInForce, type SvedenDocuments } from './documents';
import { formatDateTime } from '../../format';
import { signatureKindLabels } from '../../signatures/labels';
import { approvalLine, svedenWords as w } from '../../sveden/labels';

/**
 * Who may frame the embeddable block (CSP `frame-ancestors`): only the origin of the site in the
 * organisation's profile, and nobody when the profile has none or it is not an http(s) address.
 */
export const frameAncestorsOf = (website: string | null) => embedOrigin(website) ?? "'none'";

/** The origin of the site in the profile, which alone may frame the block; null without a usable one. */
export function embedOrigin(website: string | null): string | null {
	const href = websiteHref(website);
	return href ? new URL(href).origin : null;
}

/**
 * The code a school pastes into its own site, needing no script: a plain list of links to the acts
 * in force (with their attribute where the recommendations give one, and the signature's mark), and
 * the iframe of the block. `origin` is the portal's own.
 */
export function embedSnippets(origin: string, page: SvedenDocuments) {
	const { org } = page;
	const base = `${origin}/o/${org.slug}`;
	const items = page.current.map((act) => {
		const attr = act.itemprop ? ` itemprop="${act.itemprop}"` : '';
		const parts = [
			`<a href="${escapeHtml(`${base}/d/${act.id}`)}"${attr}>${escapeHtml(act.title)}</a>`
		];
		const approval = approvalLine(act);
		if (approval) parts.push(escapeHtml(approval));
		if (act.hasPdf) parts.push(`<a href="${escapeHtml(`${base}/d/${act.id}/pdf`)}">${w.pdf}</a>`);
		for (const s of act.signatures)
			parts.push(
				escapeHtml(
					`подписан ${signatureKindLabels[s.kind]} ${formatDateTime(s.signedAt, org.timeZone)}, ${s.signerName}, ${s.signerPosition}, ключ `
				) +
					`<a href="${escapeHtml(`${origin}/check?key=${encodeURIComponent(s.key)}`)}">${escapeHtml(s.key)}</a>`
			);
		return `  <li>${parts.join('; ')}</li>`;
	});
	const list = [
		'<ul>',
		...items,
		'</ul>',
		`<p><a href="${escapeHtml(`${base}/sveden/document`)}">${escapeHtml(w.allOnPortal)}</a></p>`
	].join('\n');
	const iframe = `<iframe src="${escapeHtml(`${base}/embed`)}" title="${escapeHtml(w.embedTitle(org.shortName))}" width="100%" height="480" style="border:0" loading="lazy"></iframe>`;
	return { link: `${base}/sveden/document`, list, iframe };
}

/**
 * What the cabinet's «Размещение на сайте» page shows: the three snippets, the site that may frame
 * the block, and the acts in force left out because nobody has signed them yet.
 */
export async function sitePlacement(db: Database, org: Organization, origin: string) {
	const [page, unsigned] = await Promise.all([
		svedenDocuments(db, org.slug),
		unsignedInForce(db, org.id)
	]);
	return {
		snippets: embedSnippets(origin, page!),
		acts: page!.current.length,
		frameOrigin: embedOrigin(org.website),
		unsigned
	};
}
